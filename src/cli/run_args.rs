//! The command-line flags of a run, shared by the main job, the experiment examples and
//! the `highstakes run` subcommand.

use std::path::PathBuf;

use pipeline::{Context, Result, RunOptions, Scale, Settings, run_until};

use crate::threads::{ThreadsError, apply_threads};

/// Where and how big a run is.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// The run directory (resumed when it holds an unfinished run with equal settings).
    #[arg(long, default_value = "runs/adversarial_training")]
    pub out: PathBuf,
    /// Sizes: tiny (a smoke test), small (the default, < 30 min on 2 cores), medium,
    /// large.
    #[arg(long, default_value = "small")]
    pub scale: Scale,
    /// The seed of everything random.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Remove a previous run in --out first and start over.
    #[arg(long)]
    pub fresh: bool,
    /// A person at the terminal does the manual round (instead of the unaided policy).
    #[arg(long)]
    pub human: bool,
    /// Real checkpoints instead of models trained here: DIR/generator (GPT-Neo) and
    /// DIR/masked_lm (a DeBERTa masked LM with its tokenizer).
    #[arg(long)]
    pub model_dir: Option<PathBuf>,
    /// libtorch threads, at most the CPUs this process may use (default: the
    /// HIGHSTAKES_THREADS environment variable, else one per CPU).
    #[arg(long, allow_negative_numbers = true)]
    pub threads: Option<i64>,
}

impl RunArgs {
    /// The settings these flags ask for.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::new(self.scale);
        settings.seed = self.seed;
        settings.human = self.human;
        settings.model_dir = self.model_dir.clone();
        settings
    }

    /// The options these flags ask for (progress bars and one line per stage), with
    /// `replicates` runs of the experiment (see [`RunOptions::replicates`]).
    pub fn options(&self, replicates: u32) -> RunOptions {
        RunOptions {
            fresh: self.fresh,
            progress: true,
            log: None,
            replicates,
        }
        .with_log(|event| println!("{event}"))
    }

    /// Applies `--threads` (or the HIGHSTAKES_THREADS environment variable): see
    /// [`crate::threads::apply_threads`].
    pub fn apply_threads(&self) -> std::result::Result<(), ThreadsError> {
        apply_threads(self.threads).map(|_| ())
    }

    /// Applies `--threads`, or prints the error and exits with status 1 (for the examples).
    pub fn apply_threads_or_exit(&self) {
        if let Err(e) = self.apply_threads() {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

/// What an experiment example does: applies `--threads`, runs (or resumes) the run in
/// `--out` up to stage `last`, prints what `show` makes of it, and exits with status 1
/// and the error on failure.
pub fn run_example(args: &RunArgs, last: &str, show: impl FnOnce(&Context) -> Result<String>) {
    args.apply_threads_or_exit();
    match run_until(args.settings(), &args.out, &args.options(1), Some(last))
        .and_then(|ctx| show(&ctx))
    {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
