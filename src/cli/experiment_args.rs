//! The command-line flags of a beyond-the-paper experiment, and what its example does.

use std::path::PathBuf;

use experiments::{Experiment, ExperimentReport};
use pipeline::{Result, RunOptions};

use super::run_args::RunArgs;

/// Where an experiment's base run and its own directory are, and how big they are.
#[derive(Debug, Clone, clap::Parser)]
pub struct ExperimentArgs {
    /// The main run the experiment starts from (made or resumed first, up to its
    /// study; --scale, --seed and --model-dir must match it).
    #[command(flatten)]
    pub run: RunArgs,
    /// The experiment's own directory (default: runs/beyond/NAME).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// What an experiment example does: applies `--threads`, opens the experiment (making or
/// resuming the main run first), runs it, prints its report, and exits with status 1 and
/// the error on failure. `--fresh` starts the experiment over, never the main run.
pub fn run_experiment(
    args: &ExperimentArgs,
    name: &str,
    run: impl FnOnce(&mut Experiment) -> Result<ExperimentReport>,
) {
    args.run.apply_threads_or_exit();
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("runs/beyond").join(name));
    let options = RunOptions {
        fresh: args.run.fresh,
        progress: true,
        log: None,
        replicates: 1,
    }
    .with_log(|event| println!("{event}"));
    let result = Experiment::open(args.run.settings(), &args.run.out, &dir, &options)
        .and_then(|mut exp| run(&mut exp));
    match result {
        Ok(report) => println!(
            "{}\n(written to {}/REPORT.md, results.json and figures/)",
            report.markdown,
            dir.display()
        ),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
