//! Independent repetitions of splitting, averaged: the interval that rests only on the
//! estimator's unbiasedness.

use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, StudentsT};

use super::config::SplittingConfig;
use super::error::SplittingError;
use super::outcome::{SplittingOutcome, SplittingRun};
use super::problem::SplittingProblem;
use super::run::run_splitting;
use crate::error::MetricsError;
use crate::interval::Interval;

/// What independent repetitions say together.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "summary", rename_all = "snake_case")]
pub enum RepeatedSummary {
    /// Every run reached the threshold or went extinct (estimate 0): the mean of the
    /// unbiased estimates with a Student-t interval.
    Estimate {
        /// Mean of the runs' unbiased estimates.
        estimate: f64,
        /// `ln` of it (−∞ when every run went extinct).
        #[serde(with = "crate::log_serde")]
        log_estimate: f64,
        /// Standard error of the mean (sample standard deviation over √R).
        standard_error: f64,
        /// `mean · exp(± t_{R−1} · standard_error / mean)` (normal on the log scale by the
        /// delta method, Student-t quantile), capped at 1; `[0, largest upper bound of the
        /// runs]` when every run went extinct.
        interval: Interval,
        /// Runs that went extinct (counted as 0).
        extinct: usize,
    },
    /// Some runs stopped below the threshold: no unbiased mean exists. The largest upper
    /// bound of a run that did not reach is an (approximate) upper bound on `p`.
    NotReached {
        /// Runs that did not reach the threshold.
        not_reached: usize,
        /// Runs in all.
        runs: usize,
        /// The largest [`super::SplittingOutcome::upper_bound`] among the runs that did
        /// not reach.
        upper_bound: f64,
    },
}

/// The runs of [`run_repeated`] and their summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepeatedSplitting {
    /// Each run, in order (run `r` used seed `config.seed + r`, wrapping).
    pub runs: Vec<SplittingRun>,
    /// What they say together.
    pub summary: RepeatedSummary,
}

/// `runs` independent runs of [`run_splitting`] (seeds `config.seed`, `config.seed + 1`,
/// …), averaged. The interval is `mean · exp(± t · (sd / √R) / mean)` at `config.level`
/// (the delta method for `ln mean`; `t` the Student-t quantile with `R − 1` degrees of
/// freedom), which follows the right skew of the runs' estimates better than
/// `mean ± t · sd / √R`. It assumes nothing about the mixing of the kernel, only that each
/// run is unbiased; its coverage is that of a CLT interval for a skewed variable, so use
/// `R ≥ 20`. Measured on 20 fair bits (`P = 2^-20`, 100 particles, `k = 10`, 10 steps),
/// 200 repetitions of the whole procedure: the 95% interval covered the truth 88% of the
/// time with `R = 10` and 92% with `R = 20`.
///
/// Errors as [`run_splitting`], and when `runs < 2`.
pub fn run_repeated<P: SplittingProblem>(
    mut problem: P,
    config: &SplittingConfig,
    runs: usize,
) -> Result<RepeatedSplitting, SplittingError<P::Error>> {
    if runs < 2 {
        return Err(MetricsError::InvalidParameter {
            name: "number of independent splitting runs",
            value: runs as f64,
            expected: "at least 2 (a standard error needs two)",
        }
        .into());
    }
    config.validate()?;
    let mut all = Vec::with_capacity(runs);
    for r in 0..runs {
        let seeded = SplittingConfig {
            seed: config.seed.wrapping_add(r as u64),
            ..*config
        };
        all.push(run_splitting(&mut problem, &seeded)?);
    }
    let summary = summarize(&all, config.level)?;
    Ok(RepeatedSplitting { runs: all, summary })
}

fn summarize(runs: &[SplittingRun], level: f64) -> Result<RepeatedSummary, MetricsError> {
    let estimates: Vec<Option<f64>> = runs.iter().map(|r| r.outcome.unbiased_estimate()).collect();
    let not_reached = estimates.iter().filter(|e| e.is_none()).count();
    if not_reached > 0 {
        let upper_bound = runs
            .iter()
            .filter(|r| r.outcome.unbiased_estimate().is_none())
            .map(|r| r.outcome.upper_bound())
            .fold(0.0, f64::max);
        return Ok(RepeatedSummary::NotReached {
            not_reached,
            runs: runs.len(),
            upper_bound,
        });
    }
    let values: Vec<f64> = estimates.into_iter().flatten().collect();
    let extinct = runs
        .iter()
        .filter(|r| matches!(r.outcome, SplittingOutcome::Extinct { .. }))
        .count();
    let rf = values.len() as f64;
    // Scale by the largest estimate so that tiny estimates keep their digits in the
    // squares; the log of the mean comes from the runs' log-estimates.
    let logs: Vec<f64> = runs
        .iter()
        .map(|r| match &r.outcome {
            SplittingOutcome::Reached { log_estimate, .. } => *log_estimate,
            _ => f64::NEG_INFINITY,
        })
        .collect();
    let max_log = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (estimate, log_estimate, standard_error) = if max_log == f64::NEG_INFINITY {
        (0.0, f64::NEG_INFINITY, 0.0)
    } else {
        let scaled: Vec<f64> = logs.iter().map(|&l| (l - max_log).exp()).collect();
        let mean = scaled.iter().sum::<f64>() / rf;
        let var = scaled.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / (rf - 1.0);
        (
            mean * max_log.exp(),
            max_log + mean.ln(),
            (var / rf).sqrt() * max_log.exp(),
        )
    };
    let interval = if estimate > 0.0 {
        let t = StudentsT::new(0.0, 1.0, rf - 1.0)
            .map_err(|_| MetricsError::InvalidParameter {
                name: "degrees of freedom",
                value: rf - 1.0,
                expected: "positive",
            })?
            .inverse_cdf((1.0 + level) / 2.0);
        // delta method on the log scale: sd(ln mean) ≈ standard_error / mean
        let spread = t * standard_error / estimate;
        Interval::new(
            (log_estimate - spread).exp().min(1.0),
            (log_estimate + spread).exp().min(1.0),
            level,
        )?
    } else {
        // every run went extinct: the largest of their upper bounds
        let upper = runs
            .iter()
            .map(|r| r.outcome.upper_bound())
            .fold(0.0, f64::max);
        Interval::new(0.0, upper, level)?
    };
    Ok(RepeatedSummary::Estimate {
        estimate,
        log_estimate,
        standard_error,
        interval,
        extinct,
    })
}
