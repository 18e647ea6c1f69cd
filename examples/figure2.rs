//! The paper's Figure 2: effort per tool-assisted adversarial example and its egregiousness, per classifier (also drawn to figures/figure2.svg and .png).
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `attack_plus_tool_assisted`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example figure2 -- --help`.

use clap::Parser;
use highstakes::cli::run_args::{RunArgs, run_example};
use highstakes::pipeline::Context;

/// The paper's Figure 2: effort per tool-assisted adversarial example and its egregiousness, per classifier (also drawn to figures/figure2.svg and .png).
#[derive(Debug, Parser)]
#[command(name = "figure2")]
struct Args {
    #[command(flatten)]
    run: RunArgs,
}

fn show(ctx: &Context) -> highstakes::pipeline::Result<String> {
    let figure = highstakes::pipeline::figure2_of(ctx)?;
    let files = highstakes::pipeline::report::plots::draw_figure2(
        &figure,
        &ctx.dir.dir("figures")?,
        "figure2",
    )?;
    Ok(format!(
        "{}\nDrawn to {} and {}",
        highstakes::pipeline::report::figure2(&figure),
        files.svg.display(),
        files.png.display()
    ))
}

fn main() {
    let args = Args::parse();
    run_example(&args.run, "attack_plus_tool_assisted", show);
}
