//! `highstakes experiment`: one of the experiments beyond the paper, on a run of the main
//! job (made or resumed first, up to its evaluation), in a resumable directory of its own.

use std::path::PathBuf;

use clap::ValueEnum;
use experiments::{
    Experiment, ExperimentReport, attack_strength, competent, egregious, failure_rate,
    update_frequency,
};
use pipeline::RunOptions;

use super::error::CliError;
use super::output::outln;
use super::run_args::RunArgs;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Starts from the main job's run (--out, default runs/adversarial_training, made or resumed
first up to its evaluation) and keeps its own resumable run in --dir (default
runs/beyond/NAME): REPORT.md, results.json, figures/. Takes the main job's flags (--scale
tiny for a quick look); --fresh restarts the experiment, never the main run.")]
pub struct Args {
    /// Which experiment.
    #[arg(value_enum)]
    name: Name,
    /// The main run the experiment starts from (--scale, --seed and --model-dir must
    /// match it).
    #[command(flatten)]
    run: RunArgs,
    /// The experiment's own directory (default: runs/beyond/NAME).
    #[arg(long)]
    dir: Option<PathBuf>,
}

/// An experiment beyond the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Name {
    /// Few large rounds against many small ones, on the same budget of examples.
    UpdateFrequency,
    /// Train on the most egregious failures against threshold-crossing ones.
    Egregious,
    /// Train on a weak attack, test on a strong one, and the reverse.
    AttackStrength,
    /// Fine-tune the generator to avoid injuries, against filtering it.
    Competent,
    /// The filtered generator's failure rate by plain sampling, importance sampling and
    /// splitting.
    FailureRate,
}

impl Name {
    /// The experiment's directory name and its function.
    fn experiment(
        self,
    ) -> (
        &'static str,
        fn(&mut Experiment) -> pipeline::Result<ExperimentReport>,
    ) {
        match self {
            Name::UpdateFrequency => (update_frequency::NAME, update_frequency::run),
            Name::Egregious => (egregious::NAME, egregious::run),
            Name::AttackStrength => (attack_strength::NAME, attack_strength::run),
            Name::Competent => (competent::NAME, competent::run),
            Name::FailureRate => (failure_rate::NAME, failure_rate::run),
        }
    }
}

/// Runs `experiment`.
pub fn run(args: Args) -> Result<(), CliError> {
    let (name, run) = args.name.experiment();
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("runs/beyond").join(name));
    let options = RunOptions {
        fresh: args.run.fresh,
        ..args.run.options(1)
    };
    let mut exp = Experiment::open(args.run.settings(), &args.run.out, &dir, &options)?;
    let report = run(&mut exp)?;
    outln!(
        "{}\n(written to {}/REPORT.md, results.json and figures/)",
        report.markdown,
        dir.display()
    );
    Ok(())
}
