//! The main job: the paper's whole pipeline on the embedded default, with a report.
//!
//! Builds the story corpus; trains a tokenizer, a small GPT-Neo and a masked-LM
//! pre-trained small DeBERTa; labels generator completions of the world's prompts (two
//! simulated contractors and a tie-breaking oracle); trains the baseline classifier;
//! attacks it in three rounds (manual, paraphrases, tool-assisted), each with a retrain
//! half way; trains Table 2's four classifiers on equal totals; chooses thresholds by
//! quality; evaluates on a fresh in-distribution test set; attacks each classifier again
//! (Figures 2 and 3) with and without the tools (§5.2); writes `REPORT.md`,
//! `results.json`, the datasets and the figures to the run directory.
//!
//! Interrupt it at any time and run it again: it resumes from the last finished stage.
//!
//! Run: `scripts/main-job` (or `cargo run --release --example adversarial_training --
//! --help`).

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use highstakes::pipeline::{RunOptions, Scale, Settings, run};

/// The paper's experiments end to end, at laptop scale by default.
#[derive(Debug, Parser)]
#[command(name = "adversarial_training")]
struct Args {
    /// The run directory (resumed when it holds an unfinished run with equal settings).
    #[arg(long, default_value = "runs/adversarial_training")]
    out: PathBuf,
    /// Sizes: tiny (a smoke test), small (the default, < 30 min on 2 cores), medium, large.
    #[arg(long, default_value = "small")]
    scale: Scale,
    /// The seed of everything random.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Remove a previous run in --out first and start over.
    #[arg(long)]
    fresh: bool,
    /// A person at the terminal does the manual round (instead of the unaided policy).
    #[arg(long)]
    human: bool,
    /// Real checkpoints instead of models trained here: DIR/generator (GPT-Neo) and
    /// DIR/masked_lm (a DeBERTa masked LM with its tokenizer).
    #[arg(long)]
    model_dir: Option<PathBuf>,
    /// libtorch threads (default: one per CPU).
    #[arg(long)]
    threads: Option<i32>,
}

fn main() {
    let args = Args::parse();
    if let Some(t) = args.threads {
        tch::set_num_threads(t.max(1));
    }
    let mut settings = Settings::new(args.scale);
    settings.seed = args.seed;
    settings.human = args.human;
    settings.model_dir = args.model_dir;
    let options = RunOptions {
        fresh: args.fresh,
        progress: true,
        verbose: true,
    };
    let clock = Instant::now();
    match run(settings, &args.out, &options) {
        Ok(ctx) => {
            println!(
                "done in {:.1} min: {}",
                clock.elapsed().as_secs_f64() / 60.0,
                ctx.dir.path(highstakes::report::REPORT_FILE).display()
            );
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
