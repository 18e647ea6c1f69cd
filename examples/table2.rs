//! The paper's Table 2: thresholds chosen by quality, test-set FNR and FPR, quality, per classifier.
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `evaluate`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example table2 -- --help`.

use clap::Parser;
use highstakes::cli::run_args::{RunArgs, run_example};
use highstakes::pipeline::Context;

/// The paper's Table 2: thresholds chosen by quality, test-set FNR and FPR, quality, per classifier.
#[derive(Debug, Parser)]
#[command(name = "table2")]
struct Args {
    #[command(flatten)]
    run: RunArgs,
}

fn show(ctx: &Context) -> highstakes::pipeline::Result<String> {
    let rows: Vec<highstakes::pipeline::Table2Row> =
        highstakes::pipeline::read_json(&ctx.dir.path(highstakes::pipeline::TABLE2_FILE))?;
    Ok(highstakes::pipeline::report::table2(
        &rows,
        ctx.settings.acceptance_threshold,
    ))
}

fn main() {
    let args = Args::parse();
    run_example(&args.run, "evaluate", show);
}
