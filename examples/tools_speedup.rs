//! The paper's §5.2: attackers with and without the tools on the same seeds, and the speed-up with its bootstrap interval.
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `tools_speedup`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example tools_speedup -- --help`.

use clap::Parser;
use highstakes::cli::run_args::{RunArgs, run_example};
use highstakes::pipeline::Context;

/// The paper's §5.2: attackers with and without the tools on the same seeds, and the speed-up with its bootstrap interval.
#[derive(Debug, Parser)]
#[command(name = "tools_speedup")]
struct Args {
    #[command(flatten)]
    run: RunArgs,
}

fn show(ctx: &Context) -> highstakes::pipeline::Result<String> {
    let rows: Vec<highstakes::pipeline::Speedup> =
        highstakes::pipeline::read_json(&ctx.dir.path(highstakes::pipeline::SPEEDUP_FILE))?;
    Ok(highstakes::pipeline::report::speedup(&rows))
}

fn main() {
    let args = Args::parse();
    run_example(&args.run, "tools_speedup", show);
}
