//! Seeded, reproducible percentile-bootstrap intervals: for a mean, for a ratio of two means
//! from independent samples (e.g. the paper's §5.2 minutes per adversarial example without
//! tools versus with tools), and for any statistic of one sample.
//!
//! Each resample draws `n` indices uniformly with replacement from a [`ChaCha8Rng`] seeded
//! with [`BootstrapConfig::seed`], so a given seed gives bit-identical results on every
//! platform. The interval is the percentile interval: the `(1 - level) / 2` and
//! `(1 + level) / 2` quantiles of the resampled statistics, with linear interpolation
//! between order statistics (numpy's default "linear" quantile method).

use std::fmt;

use ndarray::ArrayView1;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::{MetricsError, Result, check_finite, check_level};
use crate::interval::{DEFAULT_LEVEL, Interval};
use crate::views::as_slice;

/// Default number of bootstrap resamples.
pub const DEFAULT_RESAMPLES: usize = 10_000;

/// Settings of a bootstrap: number of resamples, interval level and the random seed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BootstrapConfig {
    /// Number of resamples (at least 1; default 10,000).
    pub resamples: usize,
    /// Interval level in (0, 1) (default 0.95).
    pub level: f64,
    /// Seed of the [`ChaCha8Rng`] that draws the resamples (default 0).
    pub seed: u64,
}

impl Default for BootstrapConfig {
    fn default() -> Self {
        Self {
            resamples: DEFAULT_RESAMPLES,
            level: DEFAULT_LEVEL,
            seed: 0,
        }
    }
}

impl BootstrapConfig {
    /// A configuration with the given settings, checked.
    pub fn new(resamples: usize, level: f64, seed: u64) -> Result<Self> {
        let config = Self {
            resamples,
            level,
            seed,
        };
        config.check()?;
        Ok(config)
    }

    /// The same configuration with another seed.
    pub fn with_seed(self, seed: u64) -> Self {
        Self { seed, ..self }
    }

    pub(crate) fn check(&self) -> Result<()> {
        check_level(self.level)?;
        if self.resamples == 0 {
            return Err(MetricsError::NoResamples);
        }
        Ok(())
    }
}

/// A statistic with its percentile-bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BootstrapEstimate {
    /// The statistic on the original sample(s).
    pub estimate: f64,
    /// Percentile interval of the resampled statistics.
    pub interval: Interval,
    /// Number of resamples drawn.
    pub resamples: usize,
    /// Seed the resamples were drawn with.
    pub seed: u64,
}

impl fmt::Display for BootstrapEstimate {
    /// `estimate [lower, upper]`; a precision (`{:.1}`) applies to all three numbers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "{:.*} {:.*}", p, self.estimate, p, self.interval),
            None => write!(f, "{} {}", self.estimate, self.interval),
        }
    }
}

/// Bootstrap interval for the mean of `sample` (e.g. minutes per adversarial example): a
/// slice, a `Vec`, an array or an ndarray array or view (see the
/// [crate docs](crate#numbers-in-ndarray)).
///
/// Errors when the sample is empty or holds a non-finite value, or the config is invalid.
///
/// ```
/// use metrics::{bootstrap_mean, BootstrapConfig};
/// let minutes = [12.0, 25.0, 18.0, 31.0, 9.0, 22.0, 17.0, 26.0];
/// let result = bootstrap_mean(&minutes, &BootstrapConfig::default()).unwrap();
/// assert_eq!(result.estimate, 20.0);
/// assert!(result.interval.lower < 20.0 && 20.0 < result.interval.upper);
/// ```
pub fn bootstrap_mean<'a>(
    sample: impl Into<ArrayView1<'a, f64>>,
    config: &BootstrapConfig,
) -> Result<BootstrapEstimate> {
    let sample = as_slice(sample.into());
    let sample = &*sample;
    check_sample("sample", sample)?;
    config.check()?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut statistics = Vec::with_capacity(config.resamples);
    for _ in 0..config.resamples {
        statistics.push(resampled_mean(sample, &mut rng));
    }
    finish(mean(sample), statistics, config)
}

/// Bootstrap interval for `mean(numerator) / mean(denominator)`, the two samples being
/// independent: each resample redraws both samples (numerator first) with replacement.
/// Each sample may be a slice, a `Vec`, an array or an ndarray array or view.
///
/// E.g. the paper's §5.2: mean minutes per adversarial example without the rewrite tool over
/// mean minutes with it. Errors when a sample is empty or holds a non-finite value, when
/// the denominator's mean is zero, or when some resample's ratio is not finite (a resampled
/// denominator mean of zero).
pub fn bootstrap_ratio_of_means<'a>(
    numerator: impl Into<ArrayView1<'a, f64>>,
    denominator: impl Into<ArrayView1<'a, f64>>,
    config: &BootstrapConfig,
) -> Result<BootstrapEstimate> {
    let (numerator, denominator) = (as_slice(numerator.into()), as_slice(denominator.into()));
    let (numerator, denominator) = (&*numerator, &*denominator);
    check_sample("numerator sample", numerator)?;
    check_sample("denominator sample", denominator)?;
    config.check()?;
    let estimate = mean(numerator) / mean(denominator);
    if !estimate.is_finite() {
        return Err(MetricsError::InvalidParameter {
            name: "mean of the denominator sample",
            value: mean(denominator),
            expected: "non-zero for a ratio of means",
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut statistics = Vec::with_capacity(config.resamples);
    for _ in 0..config.resamples {
        let top = resampled_mean(numerator, &mut rng);
        let bottom = resampled_mean(denominator, &mut rng);
        statistics.push(top / bottom);
    }
    finish(estimate, statistics, config)
}

/// Bootstrap interval for any `statistic` of one sample. The statistic is called on the
/// original sample and on each resample (a slice of the same length); the sample may be a
/// slice, a `Vec`, an array or an ndarray array or view.
///
/// `bootstrap_statistic(s, mean, c)` gives bit-for-bit the result of
/// [`bootstrap_mean`]`(s, c)`. Errors as [`bootstrap_mean`], and when the statistic of
/// the sample or of some resample is not finite.
///
/// ```
/// use metrics::{bootstrap_statistic, BootstrapConfig};
/// let sample = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
/// let max = |xs: &[f64]| xs.iter().copied().fold(f64::MIN, f64::max);
/// let result = bootstrap_statistic(&sample, max, &BootstrapConfig::default()).unwrap();
/// assert_eq!(result.estimate, 9.0);
/// ```
pub fn bootstrap_statistic<'a, F>(
    sample: impl Into<ArrayView1<'a, f64>>,
    mut statistic: F,
    config: &BootstrapConfig,
) -> Result<BootstrapEstimate>
where
    F: FnMut(&[f64]) -> f64,
{
    let sample = as_slice(sample.into());
    let sample = &*sample;
    check_sample("sample", sample)?;
    config.check()?;
    let estimate = finite_estimate(statistic(sample))?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut resample = vec![0.0; sample.len()];
    let mut statistics = Vec::with_capacity(config.resamples);
    for _ in 0..config.resamples {
        for slot in resample.iter_mut() {
            *slot = sample[rng.random_range(0..sample.len())];
        }
        statistics.push(statistic(&resample));
    }
    finish(estimate, statistics, config)
}

/// Percentile bootstrap over `units` paired units (e.g. attacked seeds, each bringing its
/// cost and whether it succeeded) of a statistic that may be **infinite or undefined** on
/// some resamples, such as a cost per success when a resample holds no success.
///
/// `statistic` gets the indices of one resample's units (the identity `0..units` for the
/// estimate itself, which must be finite). A resample's value may be `+∞` (e.g. no
/// success: infinitely costly per success) or NaN (undefined, e.g. a ratio of two costs
/// per success when neither side succeeded); NaN is counted as `-∞` for the lower end and
/// as `+∞` for the upper end, which can only widen the interval. Nothing is dropped, so
/// when more than `(1 - level) / 2` of the resamples are infinite (or undefined) the
/// interval is open: `[lower, ∞)`, displayed as such and written to JSON with a `null`
/// upper end. (Dropping those resamples, or giving up on the interval, would hide exactly
/// the uncertainty that few successes carry.)
///
/// ```
/// use metrics::{bootstrap_units, BootstrapConfig};
/// // 5 seeds, one broken after 40 queries: 100 + 80 + 40 + 120 + 90 queries per success
/// let cost = [100.0, 80.0, 40.0, 120.0, 90.0];
/// let success = [0.0, 0.0, 1.0, 0.0, 0.0];
/// let per_success = |units: &[usize]| {
///     let c: f64 = units.iter().map(|&u| cost[u]).sum();
///     let s: f64 = units.iter().map(|&u| success[u]).sum();
///     if s == 0.0 { f64::INFINITY } else { c / s }
/// };
/// let b = bootstrap_units(5, per_success, &BootstrapConfig::default())?;
/// assert_eq!(b.estimate, 430.0);
/// // a resample misses the one success with probability (4/5)^5 = 33%: open above
/// assert_eq!(b.interval.upper, f64::INFINITY);
/// assert!(b.interval.lower <= b.estimate);
/// # Ok::<(), metrics::MetricsError>(())
/// ```
///
/// Errors when `units` is 0, the config is invalid, or the estimate is not finite.
pub fn bootstrap_units<F>(
    units: usize,
    mut statistic: F,
    config: &BootstrapConfig,
) -> Result<BootstrapEstimate>
where
    F: FnMut(&[usize]) -> f64,
{
    if units == 0 {
        return Err(MetricsError::Empty { what: "units" });
    }
    config.check()?;
    let identity: Vec<usize> = (0..units).collect();
    let estimate = finite_estimate(statistic(&identity))?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut resample = vec![0usize; units];
    let (mut for_lower, mut for_upper) = (
        Vec::with_capacity(config.resamples),
        Vec::with_capacity(config.resamples),
    );
    for _ in 0..config.resamples {
        for slot in resample.iter_mut() {
            *slot = rng.random_range(0..units);
        }
        let value = statistic(&resample);
        if value.is_nan() {
            for_lower.push(f64::NEG_INFINITY);
            for_upper.push(f64::INFINITY);
        } else {
            for_lower.push(value);
            for_upper.push(value);
        }
    }
    for_lower.sort_unstable_by(f64::total_cmp);
    for_upper.sort_unstable_by(f64::total_cmp);
    percentile_estimate(
        estimate,
        &for_lower,
        &for_upper,
        sorted_quantile_extended,
        config,
    )
}

/// [`sorted_quantile`] over values that may be infinite: an interpolation that touches an
/// infinite order statistic is that infinity (never NaN).
fn sorted_quantile_extended(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    let weight = position - below as f64;
    let (a, b) = (sorted[below], sorted[above]);
    if weight == 0.0 || a == b || a == f64::NEG_INFINITY {
        a
    } else if b == f64::INFINITY {
        b
    } else {
        a + weight * (b - a)
    }
}

/// Quantile `q` in [0, 1] of already **sorted** values, by linear interpolation between
/// order statistics (numpy's default method, Hyndman–Fan type 7). `sorted` must not be
/// empty.
pub(crate) fn sorted_quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    let weight = position - below as f64;
    sorted[below] + weight * (sorted[above] - sorted[below])
}

/// The arithmetic mean (summing left to right).
pub(crate) fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// The resample indices of a bootstrap over `n` units, drawn once and reused: the same
/// draws [`bootstrap_mean`] makes for a sample of `n` with the same config, so
/// [`ResampleDraws::mean`] gives bit for bit its result, without drawing again (what a
/// walk over many thresholds of one study, each a bootstrap of a mean over the same
/// prompts, spends most of its time on).
pub(crate) struct ResampleDraws {
    n: usize,
    indices: Vec<u32>,
}

impl ResampleDraws {
    /// Most indices kept (beyond this, draw as [`bootstrap_mean`] does): 64 MB.
    pub(crate) const MAX_INDICES: usize = 16 << 20;

    /// The draws of `config` for samples of `n` units; `None` when they would not fit
    /// [`MAX_INDICES`](Self::MAX_INDICES) or `n` is 0.
    pub(crate) fn new(n: usize, config: &BootstrapConfig) -> Option<Self> {
        let total = n.checked_mul(config.resamples)?;
        if n == 0 || total > Self::MAX_INDICES || u32::try_from(n).is_err() {
            return None;
        }
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let indices = (0..total).map(|_| rng.random_range(0..n) as u32).collect();
        Some(ResampleDraws { n, indices })
    }

    /// The units per resample.
    pub(crate) fn units(&self) -> usize {
        self.n
    }

    /// [`bootstrap_mean`]`(sample, config)` from the kept draws (`sample` must have
    /// [`units`](Self::units) values and `config` be the one they were drawn with).
    pub(crate) fn mean(
        &self,
        sample: &[f64],
        config: &BootstrapConfig,
    ) -> Result<BootstrapEstimate> {
        check_sample("sample", sample)?;
        config.check()?;
        debug_assert_eq!(sample.len(), self.n);
        let statistics = self
            .indices
            .chunks_exact(self.n)
            .map(|draw| {
                let mut sum = 0.0;
                for &i in draw {
                    sum += sample[i as usize];
                }
                sum / self.n as f64
            })
            .collect();
        finish(mean(sample), statistics, config)
    }
}

/// Mean of one resample of `sample`, summed in draw order (the same order
/// [`bootstrap_statistic`] fills its buffer in, so both agree bit for bit).
fn resampled_mean(sample: &[f64], rng: &mut ChaCha8Rng) -> f64 {
    let mut sum = 0.0;
    for _ in 0..sample.len() {
        sum += sample[rng.random_range(0..sample.len())];
    }
    sum / sample.len() as f64
}

fn check_sample(what: &'static str, sample: &[f64]) -> Result<()> {
    if sample.is_empty() {
        return Err(MetricsError::Empty { what });
    }
    check_finite(what, sample)
}

/// Sorts the resampled statistics and reads off the percentile interval.
fn finish(
    estimate: f64,
    mut statistics: Vec<f64>,
    config: &BootstrapConfig,
) -> Result<BootstrapEstimate> {
    if let Some(resample) = statistics.iter().position(|s| !s.is_finite()) {
        return Err(MetricsError::NonFiniteStatistic {
            resample,
            value: statistics[resample],
        });
    }
    statistics.sort_unstable_by(f64::total_cmp);
    percentile_estimate(estimate, &statistics, &statistics, sorted_quantile, config)
}

/// The percentile interval at `config.level`: its lower end from `for_lower`, its upper end
/// from `for_upper` (the same resampled statistics, or with undefined resamples pushed to
/// the ends that make the interval wider), both sorted, read by `quantile`.
fn percentile_estimate(
    estimate: f64,
    for_lower: &[f64],
    for_upper: &[f64],
    quantile: fn(&[f64], f64) -> f64,
    config: &BootstrapConfig,
) -> Result<BootstrapEstimate> {
    let tail = (1.0 - config.level) / 2.0;
    let interval = Interval::new(
        quantile(for_lower, tail),
        quantile(for_upper, 1.0 - tail),
        config.level,
    )?;
    Ok(BootstrapEstimate {
        estimate,
        interval,
        resamples: config.resamples,
        seed: config.seed,
    })
}

/// The statistic of the original sample, which must be finite.
fn finite_estimate(estimate: f64) -> Result<f64> {
    if estimate.is_finite() {
        Ok(estimate)
    } else {
        Err(MetricsError::InvalidParameter {
            name: "statistic of the original sample",
            value: estimate,
            expected: "finite",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_draws_give_bootstrap_mean_bit_for_bit() {
        let config = BootstrapConfig::new(2_000, 0.9, 17).unwrap();
        let draws = ResampleDraws::new(37, &config).unwrap();
        for k in 0..5 {
            let sample: Vec<f64> = (0..37)
                .map(|i| ((i * 7 + k * 13) % 11) as f64 / 3.0)
                .collect();
            assert_eq!(
                draws.mean(&sample, &config).unwrap(),
                bootstrap_mean(&sample, &config).unwrap()
            );
        }
        // too many to keep: none
        let big = BootstrapConfig::new(10_000, 0.95, 0).unwrap();
        assert!(ResampleDraws::new(ResampleDraws::MAX_INDICES / 10_000 + 1, &big).is_none());
        assert!(ResampleDraws::new(0, &big).is_none());
    }

    #[test]
    fn quantile_matches_numpy_linear() {
        // numpy 1.x/2.x: np.quantile([1, 2, 4, 8], [0, 0.25, 0.5, 0.9, 1]) = [1, 1.75, 3, 6.8, 8]
        let xs = [1.0, 2.0, 4.0, 8.0];
        let got: Vec<f64> = [0.0, 0.25, 0.5, 0.9, 1.0]
            .iter()
            .map(|&q| sorted_quantile(&xs, q))
            .collect();
        let want = [1.0, 1.75, 3.0, 6.8, 8.0];
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-12, "{g} vs {w}");
        }
        assert_eq!(sorted_quantile(&[5.0], 0.3), 5.0);
    }

    #[test]
    fn invalid_inputs_are_errors() {
        let config = BootstrapConfig::default();
        assert_eq!(
            bootstrap_mean(&[], &config),
            Err(MetricsError::Empty { what: "sample" })
        );
        assert!(matches!(
            bootstrap_mean(&[1.0, f64::INFINITY], &config),
            Err(MetricsError::InvalidValue { index: 1, .. })
        ));
        assert_eq!(
            BootstrapConfig::new(0, 0.95, 1),
            Err(MetricsError::NoResamples)
        );
        assert!(matches!(
            bootstrap_mean(
                &[1.0],
                &BootstrapConfig {
                    level: 0.0,
                    ..config
                }
            ),
            Err(MetricsError::InvalidLevel { .. })
        ));
        assert!(matches!(
            bootstrap_ratio_of_means(&[1.0], &[0.0, 0.0], &config),
            Err(MetricsError::InvalidParameter { .. })
        ));
        // Some resample of [0, 1] is all zeros: its ratio is infinite.
        assert!(matches!(
            bootstrap_ratio_of_means(&[1.0], &[0.0, 1.0], &config),
            Err(MetricsError::NonFiniteStatistic { .. })
        ));
    }
}
