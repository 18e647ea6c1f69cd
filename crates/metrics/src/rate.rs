//! A rate estimated from counts (`k` of `n`): FNR, FPR, or any other proportion, with its
//! point estimate `k / n` and an interval.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{MetricsError, Result};
use crate::interval::{BetaPrior, DEFAULT_LEVEL, Interval, IntervalMethod};

/// A proportion `k / n` with an interval, e.g. a false-negative rate of 2 out of 2447.
///
/// The point estimate is always the observed fraction `k / n` (the maximum-likelihood
/// estimate, also the posterior mode under the uniform prior); the interval comes from
/// `method`. `n` is at least 1.
///
/// Its `Display` shows counts, percentage and interval, with two significant digits (never
/// fewer than one decimal): `2/2447 = 0.082% [0.025%, 0.29%]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RateEstimate {
    /// Number of "successes" (e.g. false negatives).
    pub k: u64,
    /// Number of trials (e.g. injurious examples), at least 1.
    pub n: u64,
    /// Point estimate `k / n`.
    pub estimate: f64,
    /// Interval around the rate.
    pub interval: Interval,
    /// How the interval was computed.
    pub method: IntervalMethod,
}

impl RateEstimate {
    /// `k / n` with the 95% central credible interval of the Beta(1, 1) posterior: the
    /// paper's convention and this crate's default.
    ///
    /// ```
    /// let fnr = metrics::RateEstimate::new(2, 2447).unwrap();
    /// assert_eq!(fnr.to_string(), "2/2447 = 0.082% [0.025%, 0.29%]");
    /// ```
    pub fn new(k: u64, n: u64) -> Result<Self> {
        Self::with_method(k, n, IntervalMethod::default(), DEFAULT_LEVEL)
    }

    /// `k / n` with the central credible interval at `level` of the posterior under `prior`.
    pub fn with_prior(k: u64, n: u64, prior: BetaPrior, level: f64) -> Result<Self> {
        Self::with_method(k, n, IntervalMethod::BetaPosterior(prior), level)
    }

    /// `k / n` with the Clopper–Pearson exact interval at `level`.
    pub fn clopper_pearson(k: u64, n: u64, level: f64) -> Result<Self> {
        Self::with_method(k, n, IntervalMethod::ClopperPearson, level)
    }

    /// `k / n` with the Wilson score interval at `level`.
    pub fn wilson(k: u64, n: u64, level: f64) -> Result<Self> {
        Self::with_method(k, n, IntervalMethod::Wilson, level)
    }

    /// `k / n` with the interval of `method` at `level`. Errors when `k > n`, `n == 0`, the
    /// level is not in (0, 1), or the prior is invalid.
    pub fn with_method(k: u64, n: u64, method: IntervalMethod, level: f64) -> Result<Self> {
        // Checked here (not only in the interval) so that the error is the same whatever the
        // method: a point estimate k / n needs n >= 1.
        crate::error::check_counts(k, n)?;
        if n == 0 {
            return Err(MetricsError::NoTrials {
                what: "rate estimate k / n",
            });
        }
        let interval = method.interval(k, n, level)?;
        Ok(Self {
            k,
            n,
            estimate: k as f64 / n as f64,
            interval,
            method,
        })
    }
}

impl fmt::Display for RateEstimate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{} = {} [{}, {}]",
            self.k,
            self.n,
            format_percent(self.estimate),
            format_percent(self.interval.lower),
            format_percent(self.interval.upper)
        )
    }
}

/// Formats a fraction as a percentage with two significant digits but never fewer than one
/// decimal: 0.000817 → `0.082%`, 0.0000990 → `0.0099%`, 0.255 → `25.5%`, 0 → `0%`.
pub fn format_percent(fraction: f64) -> String {
    let percent = fraction * 100.0;
    if percent == 0.0 {
        return "0%".to_owned();
    }
    if !percent.is_finite() {
        return format!("{percent}%");
    }
    // Digits after the point for two significant digits, at least one.
    let magnitude = percent.abs().log10().floor() as i64;
    let decimals = (1 - magnitude).clamp(1, 20) as usize;
    format!("{percent:.decimals$}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formatting() {
        assert_eq!(format_percent(0.0), "0%");
        assert_eq!(format_percent(2.0 / 2447.0), "0.082%");
        assert_eq!(format_percent(0.255), "25.5%");
        assert_eq!(format_percent(1.0), "100.0%");
        assert_eq!(format_percent(0.0029481), "0.29%");
        assert_eq!(format_percent(0.000099), "0.0099%");
    }

    #[test]
    fn rejects_bad_counts() {
        assert_eq!(
            RateEstimate::new(3, 2),
            Err(MetricsError::CountExceedsTrials { k: 3, n: 2 })
        );
        assert!(matches!(
            RateEstimate::new(0, 0),
            Err(MetricsError::NoTrials { .. })
        ));
        assert!(matches!(
            RateEstimate::wilson(1, 2, 1.0),
            Err(MetricsError::InvalidLevel { level }) if level == 1.0
        ));
        assert!(matches!(
            RateEstimate::with_prior(
                1,
                2,
                BetaPrior {
                    alpha: 0.0,
                    beta: 1.0
                },
                0.95
            ),
            Err(MetricsError::InvalidPrior { .. })
        ));
    }
}
