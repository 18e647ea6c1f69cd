//! Beyond the paper: the questions the authors' look back left open, answered with the
//! same machinery on the embedded default, each with intervals.
//!
//! - [`update_frequency`]: the same adversarial-example budget spent in a few large
//!   rounds (the paper) or in many small ones, retraining after each.
//! - [`egregious`]: attackers that seek the most egregious injury that fools the
//!   classifier, against attackers that stop at the threshold.
//! - [`attack_strength`]: train on a weak attack, test against a strong one, and the
//!   reverse.
//! - [`competent`]: fine-tune the generator itself to avoid injuries (on its own samples,
//!   filtered by the classifier or by the oracle) against filtering it.
//! - [`failure_rate`]: the filtered generator's failure rate by plain sampling, importance
//!   sampling and multi-level splitting, down to thresholds where plain sampling sees
//!   nothing.
//!
//! Each experiment starts from a finished main-job run (its masked LM, initial data,
//! baseline, test set, quality study and Table 2's classifiers with their thresholds; the
//! run is made or resumed first, up to its evaluation) and keeps its own results in a run directory of its own: resumable
//! stages recorded in a manifest, attacks journaled seed by seed, every classifier saved.
//! The experiment writes `REPORT.md` (its section of the report), `results.json` and its
//! figures there.
//!
//! ```no_run
//! use experiments::{Experiment, update_frequency};
//! use pipeline::{RunOptions, Scale, Settings};
//! # fn main() -> pipeline::Result<()> {
//! let settings = Settings::new(Scale::Small);
//! let mut exp = Experiment::open(
//!     settings,
//!     "runs/adversarial_training".as_ref(),
//!     "runs/beyond/update_frequency".as_ref(),
//!     &RunOptions::default(),
//! )?;
//! let report = update_frequency::run(&mut exp)?;
//! println!("{}", report.markdown);
//! # Ok(()) }
//! ```

#![deny(missing_docs)]

pub mod attack_strength;
pub mod campaign;
pub mod competent;
pub mod egregious;
pub mod failure_rate;
pub mod fresh;
mod report;
pub mod update_frequency;

use std::path::Path;
use std::time::Instant;

pub use report::ExperimentReport;

use pipeline::{Context, PipelineError, Result, RunDir, RunOptions, Scale, Settings, run_until};

/// The last main-job stage an experiment needs.
pub const BASE_STAGE: &str = "evaluate";

/// The sizes of the experiments at each scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BeyondSizes {
    /// Adversarial examples each training campaign may collect in all (its budget).
    pub budget: usize,
    /// Rounds of the paper's schedule (few, large).
    pub few_rounds: usize,
    /// Rounds of the frequent schedule (many, small).
    pub many_rounds: usize,
    /// A round stops after this many attacked seeds per adversarial example it still
    /// needs (so that a robust classifier cannot make a round run forever).
    pub attempts_per_example: usize,
}

impl BeyondSizes {
    /// The sizes at `scale`.
    pub fn of(scale: Scale) -> Self {
        match scale {
            Scale::Tiny => BeyondSizes {
                budget: 4,
                few_rounds: 1,
                many_rounds: 2,
                attempts_per_example: 2,
            },
            Scale::Small => BeyondSizes {
                budget: 48,
                few_rounds: 2,
                many_rounds: 8,
                attempts_per_example: 3,
            },
            Scale::Medium => BeyondSizes {
                budget: 120,
                few_rounds: 2,
                many_rounds: 12,
                attempts_per_example: 3,
            },
            Scale::Large => BeyondSizes {
                budget: 400,
                few_rounds: 2,
                many_rounds: 20,
                attempts_per_example: 3,
            },
        }
    }
}

/// An experiment: the main-job run it builds on, and its own run directory.
pub struct Experiment {
    /// The main job's run (read only).
    pub base: Context,
    /// The experiment's own directory, settings and streams.
    pub ctx: Context,
    /// The experiment's sizes.
    pub sizes: BeyondSizes,
    verbose: bool,
}

impl Experiment {
    /// Makes or resumes the main-job run in `base` up to [`BASE_STAGE`], then opens (or
    /// resumes) the experiment's directory `out` with the same settings. `options.fresh`
    /// starts the experiment over; it never touches the base run.
    pub fn open(settings: Settings, base: &Path, out: &Path, options: &RunOptions) -> Result<Self> {
        if base == out {
            return Err(PipelineError::Setting(format!(
                "the experiment's directory {} must not be the main run's",
                out.display()
            )));
        }
        let base_options = RunOptions {
            fresh: false,
            ..options.clone()
        };
        let base = run_until(settings.clone(), base, &base_options, Some(BASE_STAGE))?;
        let dir = RunDir::open(out, &settings, options.fresh)?;
        let sizes = BeyondSizes::of(settings.scale);
        let ctx = Context::new(settings, dir, base.device, options.progress)?;
        Ok(Experiment {
            base,
            ctx,
            sizes,
            verbose: options.verbose,
        })
    }

    /// Runs stage `name` of the experiment unless its manifest says it finished; `run`
    /// returns its one-line summary, recorded with its duration.
    pub fn stage(
        &mut self,
        name: &str,
        run: impl FnOnce(&mut Experiment) -> Result<String>,
    ) -> Result<()> {
        if let Some(done) = self.ctx.dir.finished(name) {
            if self.verbose {
                println!(
                    "{name}: done before ({:.0} s): {}",
                    done.seconds, done.summary
                );
            }
            return Ok(());
        }
        let clock = Instant::now();
        let summary = run(self)?;
        let seconds = clock.elapsed().as_secs_f64();
        if self.verbose {
            println!("{name} ({seconds:.0} s): {summary}");
        }
        self.ctx.dir.finish(name, seconds, summary)
    }
}
