//! One run of generalised adaptive multi-level splitting.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::config::SplittingConfig;
use super::error::SplittingError;
use super::outcome::{SplittingDiagnostics, SplittingOutcome, SplittingRun};
use super::problem::SplittingProblem;
use crate::error::MetricsError;
use crate::interval::{Interval, clopper_pearson_interval};
use crate::special::normal_two_sided_quantile;

type RunResult<T, P> = Result<T, SplittingError<<P as SplittingProblem>::Error>>;

/// Runs adaptive multi-level splitting on `problem` (see the [module docs](super) for the
/// algorithm, its interval and its endings). Reproducible: the same problem, settings and
/// seed give the same run.
///
/// Errors: invalid settings; a problem method that fails, returns the wrong number of
/// states or scores, or a NaN score.
pub fn run_splitting<P: SplittingProblem>(
    mut problem: P,
    config: &SplittingConfig,
) -> RunResult<SplittingRun, P> {
    config.validate()?;
    let n = config.particles;
    let nf = n as f64;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut diagnostics = SplittingDiagnostics::default();

    let mut states = problem
        .sample_initial(n, &mut rng)
        .map_err(SplittingError::Problem)?;
    check_len("initial particles", states.len(), n)?;
    let mut scores = score(&mut problem, &states, &mut diagnostics)?;

    // ln Π (N − K_j)/N and Σ K_j / (N (N − K_j))
    let mut log_product = 0.0;
    let mut log_variance = 0.0;
    let z_quantile = normal_two_sided_quantile(config.level);
    let mut sorted = scores.clone();
    loop {
        sorted.copy_from_slice(&scores);
        sorted.sort_unstable_by(f64::total_cmp);
        let level = sorted[config.kill - 1];
        let above_threshold = scores.iter().filter(|&&s| s >= config.threshold).count();
        if level >= config.threshold {
            let r = above_threshold as f64 / nf;
            let log_estimate = log_product + r.ln();
            let sigma = (log_variance + (1.0 - r) / (nf * r)).sqrt();
            let interval = Interval::new(
                (log_estimate - z_quantile * sigma).exp().min(1.0),
                (log_estimate + z_quantile * sigma).exp().min(1.0),
                config.level,
            )?;
            return Ok(finish(
                SplittingOutcome::Reached {
                    estimate: log_estimate.exp(),
                    log_estimate,
                    log_standard_error: sigma,
                    interval,
                    above_threshold,
                },
                diagnostics,
                config,
            ));
        }
        if diagnostics.levels.len() >= config.max_iterations {
            let last = diagnostics
                .levels
                .last()
                .copied()
                .unwrap_or(f64::NEG_INFINITY);
            let upper = (log_product + z_quantile * log_variance.sqrt())
                .exp()
                .min(1.0);
            return Ok(finish(
                SplittingOutcome::NotReached {
                    level: last,
                    log_probability_above_level: log_product,
                    upper_bound: upper,
                    above_threshold,
                },
                diagnostics,
                config,
            ));
        }
        let (dead, survivors): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| scores[i] <= level);
        if survivors.is_empty() {
            let none_survive = clopper_pearson_interval(0, n as u64, config.level)?.upper;
            return Ok(finish(
                SplittingOutcome::Extinct {
                    level,
                    log_probability_at_level: log_product,
                    upper_bound: (log_product.exp() * none_survive).min(1.0),
                },
                diagnostics,
                config,
            ));
        }
        let killed = dead.len();
        let alive = (n - killed) as f64;
        log_product += (alive / nf).ln();
        log_variance += killed as f64 / (nf * alive);
        diagnostics.levels.push(level);
        diagnostics.killed.push(killed);

        // copy a uniformly drawn survivor into each dead slot
        for &i in &dead {
            let parent = survivors[rng.random_range(0..survivors.len())];
            states[i] = states[parent].clone();
            scores[i] = scores[parent];
        }
        // move the copies, all together, keeping only moves above the level
        for _ in 0..config.mcmc_steps {
            let current: Vec<P::State> = dead.iter().map(|&i| states[i].clone()).collect();
            let proposals = problem
                .propose(&current, &mut rng)
                .map_err(SplittingError::Problem)?;
            check_len("proposals", proposals.len(), current.len())?;
            diagnostics.proposals += proposals.len();
            let (slots, moved): (Vec<usize>, Vec<P::State>) = dead
                .iter()
                .zip(proposals)
                .filter_map(|(&i, p)| p.map(|p| (i, p)))
                .unzip();
            if moved.is_empty() {
                continue;
            }
            let moved_scores = score(&mut problem, &moved, &mut diagnostics)?;
            for ((i, state), s) in slots.into_iter().zip(moved).zip(moved_scores) {
                if s > level {
                    states[i] = state;
                    scores[i] = s;
                    diagnostics.accepted += 1;
                }
            }
        }
    }
}

fn finish(
    outcome: SplittingOutcome,
    diagnostics: SplittingDiagnostics,
    config: &SplittingConfig,
) -> SplittingRun {
    SplittingRun {
        outcome,
        diagnostics,
        seed: config.seed,
    }
}

/// Scores a batch and holds the problem to its contract (one score each, none NaN).
fn score<P: SplittingProblem>(
    problem: &mut P,
    states: &[P::State],
    diagnostics: &mut SplittingDiagnostics,
) -> RunResult<Vec<f64>, P> {
    let scores = problem.score(states).map_err(SplittingError::Problem)?;
    check_len("scores", scores.len(), states.len())?;
    if let Some(index) = scores.iter().position(|s| s.is_nan()) {
        return Err(MetricsError::InvalidValue {
            what: "scores",
            index,
            value: scores[index],
        }
        .into());
    }
    diagnostics.score_evaluations += states.len();
    Ok(scores)
}

fn check_len(what: &'static str, got: usize, want: usize) -> Result<(), MetricsError> {
    if got == want {
        Ok(())
    } else {
        Err(MetricsError::LengthMismatch {
            left: what,
            left_len: got,
            right: "states asked for",
            right_len: want,
        })
    }
}
