//! The stage runner: runs (or resumes) stages in a run directory, each recorded in the
//! manifest when it finishes, and the pipeline's whole run (the paper's stages, the
//! report stage above them, and the replicates).

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::context::Context;
use crate::error::{PipelineError, Result};
use crate::replicates::{self, REPLICATES_DIR, REPLICATES_FILE, ReplicateDir, replicate_dir};
use crate::report;
use crate::run_dir::RunDir;
use crate::settings::Settings;
use crate::stages::{StageFn, paper_stages};

/// What a run tells its log: a stage skipped or finished, or a replicate begun.
#[derive(Debug, Clone, Copy)]
pub enum RunEvent<'a> {
    /// A stage finished now, or was found finished by an earlier run.
    Stage {
        /// Its place among `count` stages (1-based), when it is one of a list.
        position: Option<(usize, usize)>,
        /// Its name.
        name: &'a str,
        /// Seconds it took (in the earlier run, when `done_before`).
        seconds: f64,
        /// Its one-line summary.
        summary: &'a str,
        /// Whether an earlier run finished it (and this one skipped it).
        done_before: bool,
    },
    /// Replicate `k` of `of` begins, on `seed`, in `dir`.
    Replicate {
        /// Which replicate (1, 2, …).
        k: u32,
        /// How many runs in all (the main one counted).
        of: u32,
        /// Its seed.
        seed: u64,
        /// Its directory.
        dir: &'a Path,
    },
}

impl fmt::Display for RunEvent<'_> {
    /// One line, as the command line prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            RunEvent::Stage {
                position,
                name,
                seconds,
                summary,
                done_before,
            } => {
                if let Some((i, count)) = position {
                    write!(f, "[{i:>2}/{count}] ")?;
                }
                if done_before {
                    write!(f, "{name}: done before ({seconds:.0} s): {summary}")
                } else {
                    write!(f, "{name} ({seconds:.0} s): {summary}")
                }
            }
            RunEvent::Replicate { k, of, seed, dir } => {
                write!(
                    f,
                    "replicate {k} of {of} (seed {seed}) in {}",
                    dir.display()
                )
            }
        }
    }
}

/// Where a run's events go (the library prints nothing itself).
pub type RunLog = Arc<dyn Fn(&RunEvent<'_>) + Send + Sync>;

/// How to run (what does not change the results).
#[derive(Clone, Default)]
pub struct RunOptions {
    /// Remove a previous run in the directory first.
    pub fresh: bool,
    /// Draw progress bars (on a terminal).
    pub progress: bool,
    /// Told of each stage as it finishes or is skipped (`None`: nobody).
    pub log: Option<RunLog>,
    /// How many times [`run`] runs the experiment, on as many seeds (0 and 1: the main
    /// run alone): see [`replicates`](crate#replicates).
    pub replicates: u32,
}

impl RunOptions {
    /// These options with `log` told of every stage.
    pub fn with_log(self, log: impl Fn(&RunEvent<'_>) + Send + Sync + 'static) -> Self {
        RunOptions {
            log: Some(Arc::new(log)),
            ..self
        }
    }

    /// Tells the log of `event`, if there is a log.
    pub fn tell(&self, event: RunEvent<'_>) {
        if let Some(log) = &self.log {
            log(&event);
        }
    }
}

impl fmt::Debug for RunOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunOptions")
            .field("fresh", &self.fresh)
            .field("progress", &self.progress)
            .field("log", &self.log.as_ref().map(|_| "…"))
            .field("replicates", &self.replicates)
            .finish()
    }
}

/// Runs stage `name` on `target` unless `dir(target)`'s manifest says it finished:
/// `stage` returns its one-line summary, recorded with its duration; the log hears of it
/// either way. Returns whether the stage ran now. The one stage runner of the pipeline
/// and of the experiments built on it.
pub fn run_stage<T>(
    target: &mut T,
    dir: fn(&mut T) -> &mut RunDir,
    name: &str,
    position: Option<(usize, usize)>,
    options: &RunOptions,
    stage: impl FnOnce(&mut T) -> Result<String>,
) -> Result<bool> {
    if let Some(done) = dir(target).finished(name) {
        options.tell(RunEvent::Stage {
            position,
            name,
            seconds: done.seconds,
            summary: &done.summary,
            done_before: true,
        });
        return Ok(false);
    }
    let clock = Instant::now();
    let summary = stage(target)?;
    let seconds = clock.elapsed().as_secs_f64();
    options.tell(RunEvent::Stage {
        position,
        name,
        seconds,
        summary: &summary,
        done_before: false,
    });
    dir(target).finish(name, seconds, summary)?;
    Ok(true)
}

/// The stages of a run, in order: the paper's, then the report.
fn stages() -> Vec<(String, StageFn)> {
    let mut all = paper_stages();
    all.push(("report".into(), Box::new(report::write_report)));
    all
}

/// The names of the stages, in order.
pub fn stage_names() -> Vec<String> {
    stages().into_iter().map(|(name, _)| name).collect()
}

/// Runs (or resumes) the pipeline in `out`, then its replicates (in
/// `out/replicates/k/`, when `options.replicates > 1`), and returns the main run's
/// context. The main run's report covers the replicates.
pub fn run(settings: Settings, out: &Path, options: &RunOptions) -> Result<Context> {
    let mut main = run_until(settings.clone(), out, options, None)?;
    let done = (1..options.replicates.max(1))
        .map(|k| run_replicate(&main, &settings, k, options))
        .collect::<Result<Vec<_>>>()?;
    let had = main.dir.path(REPLICATES_FILE).exists();
    replicates::record(&main.dir, &done)?;
    if had || !done.is_empty() {
        // the report (the main run's last stage) again, now with the replicates
        report::write_report(&mut main)?;
    }
    Ok(main)
}

/// Runs (or resumes) the pipeline in `out` up to and with stage `last` (all of it when
/// `None`): what an example that shows one table or figure needs.
pub fn run_until(
    settings: Settings,
    out: &Path,
    options: &RunOptions,
    last: Option<&str>,
) -> Result<Context> {
    if let Some(last) = last
        && !stage_names().iter().any(|s| s == last)
    {
        return Err(PipelineError::Setting(format!(
            "there is no stage {last:?}"
        )));
    }
    settings.validate().map_err(PipelineError::Setting)?;
    let dir = RunDir::open(out, &settings, options.fresh)?;
    let device = classifier::default_device();
    let mut ctx = Context::new(settings, dir, device, options.progress)?;
    let all = stages();
    let count = all.len();
    for (i, (name, stage)) in all.into_iter().enumerate() {
        run_stage(
            &mut ctx,
            |c| &mut c.dir,
            &name,
            Some((i + 1, count)),
            options,
            |c| stage(c),
        )?;
        if last == Some(name.as_str()) {
            break;
        }
    }
    Ok(ctx)
}

/// Runs (or resumes) replicate `k` of the finished main run `main` (made with
/// `settings`) in its directory, sharing the main run's
/// [`SHARED_STAGES`](crate::SHARED_STAGES).
pub fn run_replicate(
    main: &Context,
    settings: &Settings,
    k: u32,
    options: &RunOptions,
) -> Result<ReplicateDir> {
    let dir = replicate_dir(main.dir.root(), k);
    let sub = replicates::replicate_settings(settings, k);
    replicates::share(&main.dir, &mut RunDir::open(&dir, &sub, false)?)?;
    options.tell(RunEvent::Replicate {
        k,
        of: options.replicates,
        seed: sub.replicate_seed(),
        dir: &dir,
    });
    let sub_options = RunOptions {
        fresh: false,
        replicates: 1,
        ..options.clone()
    };
    let seed = sub.replicate_seed();
    run_until(sub, &dir, &sub_options, None)?;
    Ok(ReplicateDir {
        replicate: k,
        seed,
        dir: format!("{REPLICATES_DIR}/{k}"),
    })
}
