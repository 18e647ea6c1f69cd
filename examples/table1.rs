//! The paper's Table 1: labeled snippets per source and split, with the share injurious.
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `test_set`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example table1 -- --help`.

use clap::Parser;
use highstakes::pipeline::{Context, RunArgs, run_until};

/// The paper's Table 1: labeled snippets per source and split, with the share injurious.
#[derive(Debug, Parser)]
#[command(name = "table1")]
struct Args {
    #[command(flatten)]
    run: RunArgs,
}

fn show(ctx: &Context) -> highstakes::pipeline::Result<String> {
    let data = highstakes::report::all_data(ctx)?;
    Ok(highstakes::report::table1(
        &data.summary(highstakes::labels::UnsurePolicy::AsInjurious),
    ))
}

fn main() {
    let args = Args::parse();
    args.run.apply_threads();
    let shown = run_until(
        args.run.settings(),
        &args.run.out,
        &args.run.options(),
        Some("test_set"),
    )
    .and_then(|ctx| show(&ctx));
    match shown {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
