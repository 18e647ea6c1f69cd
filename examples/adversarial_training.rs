//! The main job: the paper's whole pipeline on the embedded default, with a report.
//!
//! Builds the story corpus; trains a tokenizer, a small GPT-Neo and a masked-LM
//! pre-trained small DeBERTa; labels generator completions of the world's prompts (two
//! simulated contractors and a tie-breaking oracle); trains the baseline classifier;
//! attacks it in three rounds (manual, paraphrases, tool-assisted), each with a retrain
//! half way; trains Table 2's four classifiers on equal totals; chooses thresholds by
//! quality; evaluates on a fresh in-distribution test set; attacks each classifier again
//! (Figures 2 and 3) with and without the tools (§5.2); writes `REPORT.md`,
//! `results.json`, the datasets and the figures to the run directory. Then runs the
//! experiment again on two more seeds (`--replicates`, sharing the models and the
//! evaluation sets) and reports which claims hold on all three.
//!
//! Interrupt it at any time and run it again: it resumes from the last finished stage.
//!
//! Run: `scripts/main-job` (or `cargo run --release --example adversarial_training --
//! --help`).

use std::time::Instant;

use clap::Parser;
use highstakes::cli::run_args::RunArgs;
use highstakes::pipeline::run;

/// The paper's experiments end to end, at laptop scale by default.
#[derive(Debug, Parser)]
#[command(name = "adversarial_training")]
struct Args {
    #[command(flatten)]
    run: RunArgs,
    /// Runs of the experiment, each on its own seed (the first is the main run; the
    /// others go to OUT/replicates/K and share its models and evaluation sets); the
    /// report says which claims hold on all of them. 1 runs the main run alone.
    #[arg(long, default_value_t = 3)]
    replicates: u32,
}

fn main() {
    let args = Args::parse();
    args.run.apply_threads_or_exit();
    let clock = Instant::now();
    match run(
        args.run.settings(),
        &args.run.out,
        &args.run.options(args.replicates),
    ) {
        Ok(ctx) => println!(
            "done in {:.1} min: {}",
            clock.elapsed().as_secs_f64() / 60.0,
            ctx.dir
                .path(highstakes::pipeline::report::REPORT_FILE)
                .display()
        ),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
