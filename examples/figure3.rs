//! The paper's Figure 3: FNR of every classifier on every tool-assisted dataset (also drawn to figures/figure3.svg and .png).
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `figure3`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example figure3 -- --help`.

use clap::Parser;
use highstakes::cli::run_args::{RunArgs, run_example};
use highstakes::pipeline::Context;

/// The paper's Figure 3: FNR of every classifier on every tool-assisted dataset (also drawn to figures/figure3.svg and .png).
#[derive(Debug, Parser)]
#[command(name = "figure3")]
struct Args {
    #[command(flatten)]
    run: RunArgs,
}

fn show(ctx: &Context) -> highstakes::pipeline::Result<String> {
    let figure: highstakes::pipeline::report::figures::Figure3 =
        highstakes::pipeline::read_json(&ctx.dir.path(highstakes::pipeline::FIGURE3_FILE))?;
    let files = highstakes::pipeline::report::plots::draw_figure3(
        &figure,
        &ctx.dir.dir("figures")?,
        "figure3",
    )?;
    Ok(format!(
        "{}\nDrawn to {} and {}",
        highstakes::pipeline::report::figure3(&figure, ctx.settings.acceptance_threshold),
        files.svg.display(),
        files.png.display()
    ))
}

fn main() {
    let args = Args::parse();
    run_example(&args.run, "figure3", show);
}
