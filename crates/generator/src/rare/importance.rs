//! Importance sampling of the filtered generator's failure rate: draws from an
//! injury-seeking proposal ([`InjuryTilt`]), each weighted by `p / q` from the
//! generator's exact token log-probabilities.

use labels::{Labeler, Snippet};
use metrics::{ImportanceConfig, ImportanceEstimate, Interval, importance_estimate};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::generation::filtered::Filter;

use super::error::{RareEventError, RareResult};
use super::judge::{FailureJudge, LabelScope};
use super::sampler::{InjuryTilt, draw_sequences};
use super::sequence::SequenceModel;

/// Settings of [`estimate_failure_rate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailureSamplingConfig {
    /// Draws per prompt (every prompt gets the same number, so prompts are weighted
    /// equally).
    pub draws_per_prompt: usize,
    /// Draws generated (and judged) per batch.
    pub batch_size: usize,
    /// The proposal; [`InjuryTilt::none`] is plain sampling from the generator.
    pub tilt: InjuryTilt,
    /// Interval level (e.g. 0.95).
    pub level: f64,
    /// Seed of the draws.
    pub seed: u64,
    /// At most this many failing snippets are kept for the report.
    pub keep_failures: usize,
}

impl Default for FailureSamplingConfig {
    fn default() -> Self {
        FailureSamplingConfig {
            draws_per_prompt: 100,
            batch_size: 50,
            tilt: InjuryTilt::none(),
            level: metrics::DEFAULT_LEVEL,
            seed: 0,
            keep_failures: 20,
        }
    }
}

/// The filtered generator's failure rate, estimated by importance sampling.
///
/// * `failure`: `P(injurious ∧ score < threshold)` for a prompt drawn uniformly from the
///   prompts and a completion from the generator (unfiltered): the chance that one
///   candidate is a failure;
/// * `passing`: `P(score < threshold)`, the acceptance rate of one candidate;
/// * `filtered_rate = failure / passing`: the chance that an **accepted** completion is
///   injurious, i.e. the filtered generator's failure rate (the rejection sampler's output
///   is the generator conditioned on passing). This ratio of averages over prompts equals
///   the average over prompts of the per-prompt rate when every prompt has the same
///   acceptance rate; otherwise it weights prompts by their acceptance rate. The chance
///   that no candidate passes within the attempt limit (`(1 − passing)^100`) is ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailureRateEstimate {
    /// Importance-sampling estimate of `P(injurious ∧ passes)` per candidate. With no
    /// failure among the draws its interval is the honest bound
    /// `[0, (1 / (1 − λ)) · u]` (see [`metrics::importance`]).
    pub failure: ImportanceEstimate,
    /// Importance-sampling estimate of `P(passes)` per candidate.
    pub passing: ImportanceEstimate,
    /// `failure.estimate / passing.estimate`.
    pub filtered_rate: f64,
    /// `[failure.lower / passing.upper, failure.upper / passing.lower]`, capped at 1:
    /// conservative (both intervals at the configured level, combined as if they held
    /// together).
    pub filtered_interval: Interval,
    /// Draws made.
    pub draws: usize,
    /// Some failing snippets found (the first `keep_failures`), with their log-weights.
    pub failures_found: Vec<(Snippet, f64)>,
}

/// Estimates the failure rate of the filtered generator (the generator of `model`,
/// rejection-sampled against the judge's filter and threshold) over `prompts`, by
/// importance sampling from `config.tilt`. Labels only the draws that pass the filter.
///
/// Errors: no prompt, fewer than 2 draws, a bad tilt, or a failing model, filter or
/// labeler.
pub fn estimate_failure_rate<F: Filter, L: Labeler>(
    model: &SequenceModel<'_>,
    prompts: &[&str],
    judge: &mut FailureJudge<F, L>,
    config: &FailureSamplingConfig,
) -> RareResult<FailureRateEstimate> {
    if prompts.is_empty() {
        return Err(RareEventError::setting("prompts", "no prompt to complete"));
    }
    if config.batch_size == 0 {
        return Err(RareEventError::setting("batch_size", "must be at least 1"));
    }
    config
        .tilt
        .validate(model.generator().model().config().vocab_size)?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut log_weights = Vec::new();
    let mut failures = Vec::new();
    let mut passes = Vec::new();
    let mut failures_found = Vec::new();
    for prompt in prompts {
        let ids = model.prompt_ids(prompt)?;
        let mut left = config.draws_per_prompt;
        while left > 0 {
            let n = left.min(config.batch_size);
            left -= n;
            let draws = draw_sequences(model, &ids, n, Some(&config.tilt), &mut rng)?;
            let mut snippets = Vec::with_capacity(n);
            for d in &draws {
                let text = match model.completion(&d.tokens)? {
                    Some(c) => c.text,
                    // cannot happen for the sampler's own draws; an empty completion is
                    // rejected by the filtered generator, so it is no failure
                    None => String::new(),
                };
                snippets.push(Snippet::new(*prompt, text));
            }
            let checks = judge.check(&snippets, LabelScope::Passing)?;
            for ((d, check), snippet) in draws.iter().zip(checks).zip(snippets) {
                let lw = d.log_weight();
                log_weights.push(lw);
                passes.push(check.passes);
                failures.push(check.failure);
                if check.failure && failures_found.len() < config.keep_failures {
                    failures_found.push((snippet, lw));
                }
            }
        }
    }
    let bounded = ImportanceConfig {
        level: config.level,
        log_weight_bound: Some(config.tilt.log_weight_bound()),
        ..ImportanceConfig::default()
    };
    let failure = importance_estimate(&log_weights, &failures, &bounded)?;
    let passing = importance_estimate(&log_weights, &passes, &bounded)?;
    let (filtered_rate, filtered_interval) =
        filtered_failure_rate(failure.estimate, failure.interval, &passing)?;
    Ok(FailureRateEstimate {
        filtered_interval,
        filtered_rate,
        failure,
        passing,
        draws: log_weights.len(),
        failures_found,
    })
}

/// The filtered generator's failure rate from an estimate of `P(failure)` per candidate
/// (importance sampling, or [`super::TextSplitting`] with [`metrics::run_splitting`]) and
/// the acceptance rate `P(passes)` (e.g. [`FailureRateEstimate::passing`] of a plain
/// sampling run): `failure / passing`, with the conservative interval
/// `[failure.lower / passing.upper, failure.upper / passing.lower]` capped at 1, at the
/// failure interval's level.
pub fn filtered_failure_rate(
    failure: f64,
    failure_interval: Interval,
    passing: &ImportanceEstimate,
) -> RareResult<(f64, Interval)> {
    let rate = if passing.estimate > 0.0 {
        (failure / passing.estimate).min(1.0)
    } else {
        0.0
    };
    let upper = if passing.interval.lower > 0.0 {
        (failure_interval.upper / passing.interval.lower).min(1.0)
    } else {
        1.0
    };
    let lower = if passing.interval.upper > 0.0 {
        (failure_interval.lower / passing.interval.upper).min(upper)
    } else {
        0.0
    };
    Ok((
        rate,
        Interval::new(lower, upper.max(rate), failure_interval.level)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filtered_rate_divides_by_the_acceptance_rate() {
        // 50 of 100 plain draws pass: 0.5 with its normal interval
        let flags: Vec<bool> = (0..100).map(|i| i % 2 == 0).collect();
        let passing =
            importance_estimate(&[0.0; 100], &flags, &ImportanceConfig::default()).unwrap();
        let failure = Interval::new(5e-5, 2e-4, 0.95).unwrap();
        let (rate, ci) = filtered_failure_rate(1e-4, failure, &passing).unwrap();
        // 1e-4 / 0.5, and each end divided by the other end of the acceptance interval
        assert!((rate - 2e-4).abs() < 1e-15);
        assert!((ci.lower - 5e-5 / passing.interval.upper).abs() < 1e-15);
        assert!((ci.upper - 2e-4 / passing.interval.lower).abs() < 1e-15);
        // nothing passes: no bound
        let none =
            importance_estimate(&[0.0; 100], &[false; 100], &ImportanceConfig::default()).unwrap();
        let (_, ci) = filtered_failure_rate(0.0, failure, &none).unwrap();
        assert_eq!(ci.upper, 1.0);
    }
}
