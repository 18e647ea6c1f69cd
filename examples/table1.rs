//! The paper's Table 1: labeled snippets per source and split, with the share injurious.
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `test_set`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example table1 -- --help`.

use clap::Parser;
use highstakes::cli::run_args::{RunArgs, run_example};
use highstakes::pipeline::Context;

/// The paper's Table 1: labeled snippets per source and split, with the share injurious.
#[derive(Debug, Parser)]
#[command(name = "table1")]
struct Args {
    #[command(flatten)]
    run: RunArgs,
}

fn show(ctx: &Context) -> highstakes::pipeline::Result<String> {
    let data = highstakes::pipeline::report::all_data(ctx)?;
    Ok(highstakes::pipeline::report::table1(
        &data.summary(highstakes::labels::UnsurePolicy::AsInjurious),
    ))
}

fn main() {
    let args = Args::parse();
    run_example(&args.run, "test_set", show);
}
