//! Importance sampling of a rare failure probability `p = P_target(failure)`.
//!
//! Draws `x_1 … x_n` come from a *proposal* `q` that over-samples failures; each carries its
//! log-weight `ln w_i = ln p(x_i) − ln q(x_i)` (`p` the target density, e.g. the generator's
//! probability of a completion) and a failure indicator `f_i`. Two estimators:
//!
//! * **unbiased**: `p̂ = (1/n) Σ w_i f_i`. It needs `p` and `q` normalised (exact
//!   log-probabilities), and is unbiased whenever `q > 0` wherever `p f > 0`. Its interval
//!   is the normal (CLT) interval `p̂ ± z · sd(w f) / √n`, or a percentile bootstrap of the
//!   pairs `(w_i, f_i)`.
//! * **self-normalised**: `p̃ = Σ w_i f_i / Σ w_i`. It only needs `p / q` up to a constant,
//!   and is consistent but biased at small `n`; delta-method interval
//!   `p̃ ± z · sqrt(Σ w_i² (f_i − p̃)²) / Σ w_i`, or the same bootstrap.
//!
//! Diagnostics: the mean weight (close to 1 when `q` covers `p`: a mean far from 1 flags a
//! wrong log-probability or a proposal that misses part of the target), Kish's effective
//! sample size `(Σ w)² / Σ w²`, and the same computed over the failures only (how many
//! failures effectively carry the estimate; a value near 1 means one draw dominates and
//! the normal interval is not to be trusted).
//!
//! **No failure observed.** Then both estimates are 0 and any variance-based interval
//! collapses to `[0, 0]`, which would claim certainty. Instead the interval is
//! `[0, B · u]`, where `u` is the upper end of the central Clopper–Pearson interval for
//! 0 failures in `n` draws *from q* (one-sided at `(1 + level)/2`, `≈ 3.7/n` at 95%) and
//! `B = exp(log_weight_bound)` is a bound on the weight over the failure region
//! ([`ImportanceConfig::log_weight_bound`]). It is a valid bound because
//! `p = E_q[w f] ≤ B · P_q(failure)`. A defensive mixture proposal
//! `q = (1 − λ) p + λ q'` has `w ≤ 1 / (1 − λ)` everywhere, so
//! `log_weight_bound = −ln(1 − λ)`; with `q = p`, `B = 1` and the bound is the plain
//! sampling one. Without a bound nothing can be said and the upper end is 1.
//!
//! All sums are taken in log space (weights scaled by their maximum), so log-weights of
//! ±700 neither overflow nor vanish.
//!
//! ```
//! use metrics::{ImportanceConfig, importance_estimate};
//! // Four draws from a proposal: their log-weights ln p − ln q, and which were failures.
//! let log_weights = [0.0_f64.ln(), (0.5_f64).ln(), (0.25_f64).ln(), (2.0_f64).ln()];
//! let failures = [false, true, true, false];
//! let est = importance_estimate(&log_weights, &failures, &ImportanceConfig::default())?;
//! // (0.5 + 0.25) / 4 and (0.5 + 0.25) / (0 + 0.5 + 0.25 + 2), by hand
//! assert!((est.estimate - 0.1875).abs() < 1e-15);
//! assert!((est.self_normalized - 0.75 / 2.75).abs() < 1e-15);
//! # Ok::<(), metrics::MetricsError>(())
//! ```

use ndarray::ArrayView1;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::bootstrap::sorted_quantile;
use crate::error::{MetricsError, Result, check_level};
use crate::interval::{DEFAULT_LEVEL, Interval, clopper_pearson_interval};
use crate::special::normal_two_sided_quantile;
use crate::views::as_slice;

/// How the intervals of an importance-sampling estimate are computed when failures were
/// observed (with none, see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportanceIntervalMethod {
    /// Normal (CLT) interval on the weighted mean; delta method for the self-normalised
    /// estimate. The default. Too narrow when few failures carry the estimate (look at
    /// [`ImportanceEstimate::failure_effective_sample_size`]).
    Normal,
    /// Percentile bootstrap: `resamples` resamples of the `n` pairs `(w_i, f_i)` with
    /// replacement, drawn from a [`ChaCha8Rng`] seeded with `seed`.
    Bootstrap {
        /// Number of resamples (at least 1).
        resamples: usize,
        /// Seed of the resampling.
        seed: u64,
    },
}

/// Settings of [`importance_estimate`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ImportanceConfig {
    /// Interval level in (0, 1) (default 0.95).
    pub level: f64,
    /// How intervals are computed (default [`ImportanceIntervalMethod::Normal`]).
    pub method: ImportanceIntervalMethod,
    /// An upper bound on `ln w` over the failure region, if one is known (e.g.
    /// `−ln(1 − λ)` for a defensive mixture proposal): gives the upper end of the interval
    /// when no failure was observed. Every observed failure's log-weight must respect it.
    pub log_weight_bound: Option<f64>,
}

impl Default for ImportanceConfig {
    fn default() -> Self {
        ImportanceConfig {
            level: DEFAULT_LEVEL,
            method: ImportanceIntervalMethod::Normal,
            log_weight_bound: None,
        }
    }
}

/// Where the intervals of an [`ImportanceEstimate`] come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportanceIntervalBasis {
    /// Normal (CLT / delta-method) intervals.
    Normal,
    /// Percentile bootstrap intervals.
    Bootstrap {
        /// Number of resamples.
        resamples: usize,
        /// Their seed.
        seed: u64,
    },
    /// No failure was observed: `[0, exp(log_weight_bound) · u]` with `u` the
    /// Clopper–Pearson upper end for 0 of `n` (or `[0, 1]` without a bound).
    NoFailureBound {
        /// The bound on `ln w` used, if any.
        log_weight_bound: Option<f64>,
    },
}

/// An importance-sampling estimate of a failure probability, with its diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ImportanceEstimate {
    /// Number of draws `n` from the proposal.
    pub samples: usize,
    /// How many of them were failures.
    pub failures: usize,
    /// The unbiased estimate `(1/n) Σ w f`.
    pub estimate: f64,
    /// `ln` of it (−∞ when no failure was observed), exact even when `estimate`
    /// underflows.
    #[serde(with = "crate::log_serde")]
    pub log_estimate: f64,
    /// Its standard error `sd(w f) / √n` (sample standard deviation, `n − 1`).
    pub standard_error: f64,
    /// Interval for the failure probability around the unbiased estimate.
    pub interval: Interval,
    /// The self-normalised estimate `Σ w f / Σ w`.
    pub self_normalized: f64,
    /// Its delta-method standard error.
    pub self_normalized_standard_error: f64,
    /// Interval around the self-normalised estimate.
    pub self_normalized_interval: Interval,
    /// `(1/n) Σ w`: about 1 when the log-weights are right and `q` covers `p`.
    pub mean_weight: f64,
    /// Kish's effective sample size `(Σ w)² / Σ w²`, in `[1, n]`.
    pub effective_sample_size: f64,
    /// `(Σ w f)² / Σ (w f)²` over the failures: how many failures effectively carry the
    /// estimate (0 with none).
    pub failure_effective_sample_size: f64,
    /// Where the intervals come from.
    pub basis: ImportanceIntervalBasis,
}

/// Estimates `P_target(failure)` from draws of a proposal: `log_weights[i]` is
/// `ln p(x_i) − ln q(x_i)` (−∞ allowed: a draw the target cannot produce), `failures[i]`
/// whether draw `i` failed. See the [module docs](self) for the estimators, their
/// intervals and the case of no observed failure. Each of the two may be a slice, a
/// `Vec`, an array or an ndarray array or view (see the
/// [crate docs](crate#numbers-in-ndarray)).
///
/// Errors: fewer than 2 draws, lengths that differ, a NaN or +∞ log-weight, every weight
/// zero, an invalid level or bootstrap setting, a non-finite `log_weight_bound`, or a
/// failure whose log-weight exceeds it.
pub fn importance_estimate<'a>(
    log_weights: impl Into<ArrayView1<'a, f64>>,
    failures: impl Into<ArrayView1<'a, bool>>,
    config: &ImportanceConfig,
) -> Result<ImportanceEstimate> {
    let (log_weights, failures) = (as_slice(log_weights.into()), as_slice(failures.into()));
    let (log_weights, failures) = (&*log_weights, &*failures);
    check_inputs(log_weights, failures, config)?;
    let n = log_weights.len();
    let nf = n as f64;
    let failures_seen = failures.iter().filter(|&&f| f).count();
    // Scale every weight by the largest: s_i = w_i / max w, all in [0, 1].
    let max_log = log_weights
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let scaled: Vec<f64> = log_weights.iter().map(|&l| (l - max_log).exp()).collect();
    let sums = Sums::of(&scaled, failures, None);
    let scale = max_log.exp();
    let mean_weight = scale * sums.weight / nf;
    let effective_sample_size = sums.weight * sums.weight / sums.weight_sq;
    let failure_effective_sample_size = if sums.failed > 0.0 {
        sums.failed * sums.failed / sums.failed_sq
    } else {
        0.0
    };
    let log_estimate = if sums.failed > 0.0 {
        max_log + (sums.failed / nf).ln()
    } else {
        f64::NEG_INFINITY
    };
    let estimate = scale * sums.failed / nf;
    let self_normalized = sums.failed / sums.weight;
    // sample variance of s f, n - 1 in the denominator
    let mean_sf = sums.failed / nf;
    let var_sf = ((sums.failed_sq - nf * mean_sf * mean_sf) / (nf - 1.0)).max(0.0);
    let standard_error = scale * (var_sf / nf).sqrt();
    let sn_spread: f64 = scaled
        .iter()
        .zip(failures)
        .map(|(&s, &f)| (s * (f64::from(u8::from(f)) - self_normalized)).powi(2))
        .sum();
    let self_normalized_standard_error = sn_spread.sqrt() / sums.weight;

    let level = config.level;
    let (interval, self_normalized_interval, basis) = if failures_seen == 0 {
        let plain = clopper_pearson_interval(0, n as u64, level)?.upper;
        let upper = match config.log_weight_bound {
            Some(b) => (b.exp() * plain).min(1.0),
            None => 1.0,
        };
        let ci = Interval::new(0.0, upper, level)?;
        let basis = ImportanceIntervalBasis::NoFailureBound {
            log_weight_bound: config.log_weight_bound,
        };
        (ci, ci, basis)
    } else {
        match config.method {
            ImportanceIntervalMethod::Normal => {
                let z = normal_two_sided_quantile(level);
                (
                    clipped(estimate, z * standard_error, level)?,
                    clipped(self_normalized, z * self_normalized_standard_error, level)?,
                    ImportanceIntervalBasis::Normal,
                )
            }
            ImportanceIntervalMethod::Bootstrap { resamples, seed } => {
                let (a, b) = bootstrap(&scaled, failures, scale, level, resamples, seed)?;
                (a, b, ImportanceIntervalBasis::Bootstrap { resamples, seed })
            }
        }
    };
    Ok(ImportanceEstimate {
        samples: n,
        failures: failures_seen,
        estimate,
        log_estimate,
        standard_error,
        interval,
        self_normalized,
        self_normalized_standard_error,
        self_normalized_interval,
        mean_weight,
        effective_sample_size,
        failure_effective_sample_size,
        basis,
    })
}

fn check_inputs(log_weights: &[f64], failures: &[bool], config: &ImportanceConfig) -> Result<()> {
    check_level(config.level)?;
    if log_weights.len() != failures.len() {
        return Err(MetricsError::LengthMismatch {
            left: "log_weights",
            left_len: log_weights.len(),
            right: "failures",
            right_len: failures.len(),
        });
    }
    if log_weights.is_empty() {
        return Err(MetricsError::Empty {
            what: "importance sample",
        });
    }
    if log_weights.len() < 2 {
        return Err(MetricsError::InvalidParameter {
            name: "number of importance-sampling draws",
            value: log_weights.len() as f64,
            expected: "at least 2 (a standard error needs two)",
        });
    }
    if let Some(index) = log_weights
        .iter()
        .position(|l| l.is_nan() || *l == f64::INFINITY)
    {
        return Err(MetricsError::InvalidValue {
            what: "log_weights",
            index,
            value: log_weights[index],
        });
    }
    if log_weights.iter().all(|&l| l == f64::NEG_INFINITY) {
        return Err(MetricsError::InvalidParameter {
            name: "largest log-weight",
            value: f64::NEG_INFINITY,
            expected: "finite: every draw has weight 0, so the proposal never produced a point the target can",
        });
    }
    if let ImportanceIntervalMethod::Bootstrap { resamples: 0, .. } = config.method {
        return Err(MetricsError::NoResamples);
    }
    if let Some(bound) = config.log_weight_bound {
        if !bound.is_finite() {
            return Err(MetricsError::InvalidParameter {
                name: "log_weight_bound",
                value: bound,
                expected: "a finite number",
            });
        }
        // A small tolerance for log-weights computed by summing many token log-probs.
        let tolerance = 1e-9 * bound.abs().max(1.0);
        if let Some(index) =
            (0..failures.len()).find(|&i| failures[i] && log_weights[i] > bound + tolerance)
        {
            return Err(MetricsError::InvalidValue {
                what: "log_weights (a failure above log_weight_bound)",
                index,
                value: log_weights[index],
            });
        }
    }
    Ok(())
}

/// Sums over the draws (scaled weights `s`): Σ s, Σ s², Σ s f, Σ (s f)², optionally over a
/// resample given by its indices.
struct Sums {
    weight: f64,
    weight_sq: f64,
    failed: f64,
    failed_sq: f64,
}

impl Sums {
    fn of(scaled: &[f64], failures: &[bool], indices: Option<&[usize]>) -> Sums {
        let mut sums = Sums {
            weight: 0.0,
            weight_sq: 0.0,
            failed: 0.0,
            failed_sq: 0.0,
        };
        let mut add = |i: usize| {
            let s = scaled[i];
            sums.weight += s;
            sums.weight_sq += s * s;
            if failures[i] {
                sums.failed += s;
                sums.failed_sq += s * s;
            }
        };
        match indices {
            Some(indices) => indices.iter().for_each(|&i| add(i)),
            None => (0..scaled.len()).for_each(add),
        }
        sums
    }
}

/// `[x − half, x + half]` clipped to [0, 1].
fn clipped(x: f64, half: f64, level: f64) -> Result<Interval> {
    Interval::new(
        (x - half).clamp(0.0, 1.0),
        (x + half).clamp(0.0, 1.0),
        level,
    )
}

/// Percentile-bootstrap intervals of the unbiased and the self-normalised estimates.
fn bootstrap(
    scaled: &[f64],
    failures: &[bool],
    scale: f64,
    level: f64,
    resamples: usize,
    seed: u64,
) -> Result<(Interval, Interval)> {
    let n = scaled.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut indices = vec![0usize; n];
    let mut unbiased = Vec::with_capacity(resamples);
    let mut normalized = Vec::with_capacity(resamples);
    for resample in 0..resamples {
        for slot in indices.iter_mut() {
            *slot = rng.random_range(0..n);
        }
        let sums = Sums::of(scaled, failures, Some(&indices));
        unbiased.push(scale * sums.failed / n as f64);
        // a resample of only zero-weight draws has no self-normalised estimate
        let sn = sums.failed / sums.weight;
        if !sn.is_finite() {
            return Err(MetricsError::NonFiniteStatistic {
                resample,
                value: sn,
            });
        }
        normalized.push(sn);
    }
    let tail = (1.0 - level) / 2.0;
    let percentile = |mut values: Vec<f64>| -> Result<Interval> {
        values.sort_unstable_by(f64::total_cmp);
        Interval::new(
            sorted_quantile(&values, tail).min(1.0),
            sorted_quantile(&values, 1.0 - tail).min(1.0),
            level,
        )
    };
    Ok((percentile(unbiased)?, percentile(normalized)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_case() {
        // w = [1, 2, 4, 1], f = [1, 0, 1, 0]: w f = [1, 0, 4, 0].
        // mean = 5/4; sample variance of w f = (Σ x² − n mean²)/(n − 1) = (17 − 6.25)/3;
        // self-normalised 5/8; Σ w² (f − 5/8)² = (3/8)² (1 + 16) + (5/8)² (4 + 1) = 278/64.
        let lw: Vec<f64> = [1.0f64, 2.0, 4.0, 1.0].iter().map(|w| w.ln()).collect();
        let f = [true, false, true, false];
        let e = importance_estimate(&lw, &f, &ImportanceConfig::default()).unwrap();
        assert!((e.estimate - 1.25).abs() < 1e-14);
        assert!((e.log_estimate - 1.25f64.ln()).abs() < 1e-14);
        let se = ((17.0 - 6.25) / 3.0 / 4.0f64).sqrt();
        assert!((e.standard_error - se).abs() < 1e-14);
        assert!((e.self_normalized - 0.625).abs() < 1e-15);
        assert!((e.self_normalized_standard_error - (278.0f64 / 64.0).sqrt() / 8.0).abs() < 1e-14);
        assert!((e.mean_weight - 2.0).abs() < 1e-15);
        // ESS = 8² / 22; failure ESS = 5² / 17
        assert!((e.effective_sample_size - 64.0 / 22.0).abs() < 1e-13);
        assert!((e.failure_effective_sample_size - 25.0 / 17.0).abs() < 1e-13);
        // the interval is clipped to [0, 1]
        assert_eq!(e.interval.upper, 1.0);
    }

    #[test]
    fn bad_inputs_are_errors() {
        let c = ImportanceConfig::default();
        assert!(matches!(
            importance_estimate(&[0.0], &[true, false], &c),
            Err(MetricsError::LengthMismatch { .. })
        ));
        assert!(matches!(
            importance_estimate(&[], &[], &c),
            Err(MetricsError::Empty { .. })
        ));
        assert!(matches!(
            importance_estimate(&[0.0], &[true], &c),
            Err(MetricsError::InvalidParameter { .. })
        ));
        assert!(matches!(
            importance_estimate(&[0.0, f64::NAN], &[true, false], &c),
            Err(MetricsError::InvalidValue { index: 1, .. })
        ));
        assert!(matches!(
            importance_estimate(&[f64::INFINITY, 0.0], &[true, false], &c),
            Err(MetricsError::InvalidValue { index: 0, .. })
        ));
        assert!(matches!(
            importance_estimate(&[f64::NEG_INFINITY; 2], &[true, false], &c),
            Err(MetricsError::InvalidParameter { .. })
        ));
        let bounded = ImportanceConfig {
            log_weight_bound: Some(0.0),
            ..c
        };
        assert!(matches!(
            importance_estimate(&[0.0, 0.5], &[false, true], &bounded),
            Err(MetricsError::InvalidValue { index: 1, .. })
        ));
        let no_resamples = ImportanceConfig {
            method: ImportanceIntervalMethod::Bootstrap {
                resamples: 0,
                seed: 0,
            },
            ..c
        };
        assert_eq!(
            importance_estimate(&[0.0, 0.0], &[true, false], &no_resamples),
            Err(MetricsError::NoResamples)
        );
    }

    #[test]
    fn extreme_log_weights_do_not_overflow() {
        // Every weight e^-800 (underflows as a plain f64): the log estimate is exact.
        let lw = [-800.0; 4];
        let f = [true, false, false, false];
        let e = importance_estimate(&lw, &f, &ImportanceConfig::default()).unwrap();
        assert!((e.log_estimate - (-800.0 + 0.25f64.ln())).abs() < 1e-12);
        assert!((e.self_normalized - 0.25).abs() < 1e-15);
        assert!((e.effective_sample_size - 4.0).abs() < 1e-12);
    }
}
