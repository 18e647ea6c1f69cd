//! An experiment: the main-job run it starts from, its own run directory, its sizes and
//! its stages.

use std::path::Path;

use pipeline::{
    Context, PipelineError, Result, RunDir, RunOptions, Scale, Settings, run_stage, run_until,
};

/// The last main-job stage an experiment needs.
pub const BASE_STAGE: &str = "evaluate";

/// The sizes of the experiments at each scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExperimentSizes {
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

impl ExperimentSizes {
    /// The sizes at `scale`.
    pub fn of(scale: Scale) -> Self {
        match scale {
            Scale::Tiny => ExperimentSizes {
                budget: 4,
                few_rounds: 1,
                many_rounds: 2,
                attempts_per_example: 2,
            },
            Scale::Small => ExperimentSizes {
                budget: 48,
                few_rounds: 2,
                many_rounds: 8,
                attempts_per_example: 3,
            },
            Scale::Medium => ExperimentSizes {
                budget: 120,
                few_rounds: 2,
                many_rounds: 12,
                attempts_per_example: 3,
            },
            Scale::Large => ExperimentSizes {
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
    pub sizes: ExperimentSizes,
    options: RunOptions,
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
        let sizes = ExperimentSizes::of(settings.scale);
        let ctx = Context::new(settings, dir, base.device, options.progress)?;
        Ok(Experiment {
            base,
            ctx,
            sizes,
            options: RunOptions {
                fresh: false,
                ..options.clone()
            },
        })
    }

    /// Runs stage `name` of the experiment unless its manifest says it finished; `run`
    /// returns its one-line summary, recorded with its duration (the pipeline's
    /// [`run_stage`]).
    pub fn stage(
        &mut self,
        name: &str,
        run: impl FnOnce(&mut Experiment) -> Result<String>,
    ) -> Result<()> {
        let options = self.options.clone();
        run_stage(self, |e| &mut e.ctx.dir, name, None, &options, run).map(|_| ())
    }
}
