//! Intervals for a binomial proportion `k / n`: the Beta-posterior credible interval the
//! paper reports (prior Beta(1, 1) by default), and the Clopper–Pearson (exact) and Wilson
//! score confidence intervals for comparison.
//!
//! All intervals here are *central* (equal-tailed): at level `L` each tail holds
//! `(1 - L) / 2`, except where a tail is empty (Clopper–Pearson and Wilson put the lower end
//! at exactly 0 when `k = 0` and the upper end at exactly 1 when `k = n`).

use std::fmt;

use crate::error::{MetricsError, Result, check_counts, check_level};
use crate::special::{beta_quantile, normal_two_sided_quantile};
use serde::{Deserialize, Serialize};

/// The default level of every interval in this crate: 95%.
pub const DEFAULT_LEVEL: f64 = 0.95;

/// A two-sided interval `[lower, upper]` at a given level (e.g. 0.95).
///
/// An end may be infinite (an interval open above, e.g. the cost per success when too many
/// bootstrap resamples found nothing). JSON has no infinity: an infinite upper end is
/// written as `null` and read back as `+∞`, an infinite lower end likewise as `-∞`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Lower end.
    #[serde(with = "crate::log_serde")]
    pub lower: f64,
    /// Upper end.
    #[serde(with = "upper_end_serde")]
    pub upper: f64,
    /// Credible or confidence level in (0, 1), e.g. 0.95.
    pub level: f64,
}

impl Interval {
    /// Builds an interval, checking `lower <= upper` (neither NaN) and the level.
    pub fn new(lower: f64, upper: f64, level: f64) -> Result<Self> {
        check_level(level)?;
        if lower.is_nan() || upper.is_nan() || lower > upper {
            return Err(MetricsError::InvalidParameter {
                name: "interval lower end",
                value: lower,
                expected: "a number no larger than the upper end",
            });
        }
        Ok(Self {
            lower,
            upper,
            level,
        })
    }

    /// Whether `x` lies in the closed interval.
    pub fn contains(&self, x: f64) -> bool {
        self.lower <= x && x <= self.upper
    }

    /// `upper - lower`.
    pub fn width(&self) -> f64 {
        self.upper - self.lower
    }
}

impl fmt::Display for Interval {
    /// `[lower, upper]`, or `[lower, ∞)` when open above; a precision (`{:.2}`) applies to
    /// both ends.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision();
        let end = |v: f64| match p {
            Some(p) => format!("{v:.p$}"),
            None => format!("{v}"),
        };
        if self.upper == f64::INFINITY {
            write!(f, "[{}, ∞)", end(self.lower))
        } else {
            write!(f, "[{}, {}]", end(self.lower), end(self.upper))
        }
    }
}

/// The largest parameter a [`BetaPrior`] may have: a prior worth a million observations
/// already swamps any count this crate meets, and the quantile routine loses all
/// precision long before `f64::MAX` (Beta(1e308, 1e308) gave the interval [0, 0]).
pub const MAX_PRIOR: f64 = 1e6;

/// A Beta(alpha, beta) prior on a rate. The posterior after `k` successes in `n` trials is
/// Beta(alpha + k, beta + n - k).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BetaPrior {
    /// First shape parameter (pseudo-count of successes), > 0.
    pub alpha: f64,
    /// Second shape parameter (pseudo-count of failures), > 0.
    pub beta: f64,
}

impl BetaPrior {
    /// The uniform prior Beta(1, 1), the paper's choice and this crate's default.
    pub const UNIFORM: Self = Self {
        alpha: 1.0,
        beta: 1.0,
    };

    /// Jeffreys' prior Beta(1/2, 1/2).
    pub const JEFFREYS: Self = Self {
        alpha: 0.5,
        beta: 0.5,
    };

    /// Builds a prior, checking that both parameters are finite, positive and at most
    /// [`MAX_PRIOR`].
    pub fn new(alpha: f64, beta: f64) -> Result<Self> {
        let prior = Self { alpha, beta };
        prior.check()?;
        Ok(prior)
    }

    fn check(&self) -> Result<()> {
        let ok = |x: f64| x.is_finite() && x > 0.0 && x <= MAX_PRIOR;
        if ok(self.alpha) && ok(self.beta) {
            Ok(())
        } else {
            Err(MetricsError::InvalidPrior {
                alpha: self.alpha,
                beta: self.beta,
            })
        }
    }
}

impl Default for BetaPrior {
    fn default() -> Self {
        Self::UNIFORM
    }
}

/// How to turn counts `k / n` into an interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalMethod {
    /// Central credible interval of the Beta posterior under the given prior
    /// (see [`beta_posterior_interval`]). The default, with [`BetaPrior::UNIFORM`].
    BetaPosterior(BetaPrior),
    /// Clopper–Pearson exact confidence interval (see [`clopper_pearson_interval`]).
    ClopperPearson,
    /// Wilson score confidence interval (see [`wilson_interval`]).
    Wilson,
}

impl Default for IntervalMethod {
    fn default() -> Self {
        Self::BetaPosterior(BetaPrior::UNIFORM)
    }
}

impl IntervalMethod {
    /// The interval this method gives for `k` successes in `n` trials at `level`.
    pub fn interval(&self, k: u64, n: u64, level: f64) -> Result<Interval> {
        match self {
            Self::BetaPosterior(prior) => beta_posterior_interval(k, n, *prior, level),
            Self::ClopperPearson => clopper_pearson_interval(k, n, level),
            Self::Wilson => wilson_interval(k, n, level),
        }
    }
}

/// Central credible interval of the Beta posterior for a rate after `k` successes in `n`
/// trials: the `(1 - level) / 2` and `(1 + level) / 2` quantiles of
/// Beta(prior.alpha + k, prior.beta + n - k).
///
/// `n = 0` is allowed and gives the prior's own interval. With the uniform prior and `k = 0`
/// the upper end has the closed form `1 - ((1 - level) / 2)^(1 / (n + 1))`; note that the
/// lower end is then slightly above 0 (an equal-tailed interval never reaches the edge).
///
/// ```
/// use metrics::{beta_posterior_interval, BetaPrior};
/// // The paper's Table 2: 2 false negatives among 2447 injurious test snippets.
/// // scipy 1.17.1: beta.ppf([0.025, 0.975], 3, 2446) = [0.000252797, 0.00294811]
/// let ci = beta_posterior_interval(2, 2447, BetaPrior::UNIFORM, 0.95).unwrap();
/// assert!((ci.lower - 0.000_252_797).abs() < 1e-9);
/// assert!((ci.upper - 0.002_948_11).abs() < 1e-8);
/// ```
pub fn beta_posterior_interval(k: u64, n: u64, prior: BetaPrior, level: f64) -> Result<Interval> {
    check_counts(k, n)?;
    check_level(level)?;
    prior.check()?;
    let a = prior.alpha + k as f64;
    let b = prior.beta + (n - k) as f64;
    let tail = (1.0 - level) / 2.0;
    let lower = beta_quantile(a, b, tail)?;
    let upper = beta_quantile(a, b, 1.0 - tail)?;
    ordered_interval(lower, upper, level)
}

/// Clopper–Pearson ("exact") confidence interval for `k` successes in `n >= 1` trials:
/// lower = Beta(k, n - k + 1) quantile at `(1 - level) / 2` (0 when `k = 0`),
/// upper = Beta(k + 1, n - k) quantile at `(1 + level) / 2` (1 when `k = n`).
/// With `k = 0` the upper end is `1 - ((1 - level) / 2)^(1 / n)`.
pub fn clopper_pearson_interval(k: u64, n: u64, level: f64) -> Result<Interval> {
    check_counts(k, n)?;
    check_level(level)?;
    if n == 0 {
        return Err(MetricsError::NoTrials {
            what: "Clopper-Pearson interval",
        });
    }
    let tail = (1.0 - level) / 2.0;
    let lower = if k == 0 {
        0.0
    } else {
        beta_quantile(k as f64, (n - k + 1) as f64, tail)?
    };
    let upper = if k == n {
        1.0
    } else {
        beta_quantile((k + 1) as f64, (n - k) as f64, 1.0 - tail)?
    };
    ordered_interval(lower, upper, level)
}

/// Wilson score confidence interval (no continuity correction) for `k` successes in
/// `n >= 1` trials: `(k + z²/2) / (n + z²) ± z / (n + z²) · sqrt(k (n - k) / n + z²/4)`, with
/// `z` the standard normal `(1 + level) / 2` quantile. It always contains `k / n`.
pub fn wilson_interval(k: u64, n: u64, level: f64) -> Result<Interval> {
    check_counts(k, n)?;
    check_level(level)?;
    if n == 0 {
        return Err(MetricsError::NoTrials {
            what: "Wilson interval",
        });
    }
    let z = normal_two_sided_quantile(level);
    let (kf, nf) = (k as f64, n as f64);
    let z2 = z * z;
    let center = (kf + z2 / 2.0) / (nf + z2);
    let half = z / (nf + z2) * (kf * (nf - kf) / nf + z2 / 4.0).sqrt();
    let p_hat = kf / nf;
    // Rounding can put an end a hair past k/n or outside [0, 1]; the exact interval cannot.
    let lower = if k == 0 {
        0.0
    } else {
        (center - half).clamp(0.0, p_hat)
    };
    let upper = if k == n {
        1.0
    } else {
        (center + half).clamp(p_hat, 1.0)
    };
    Interval::new(lower, upper, level)
}

/// Upper bound on a rate when **none** of `n` trials was a success (e.g. no false negative
/// among `n` injurious test examples): the upper end of the central Beta(1, 1)-posterior
/// credible interval at `level` with `k = 0`, i.e. `1 - ((1 - level) / 2)^(1 / (n + 1))`.
///
/// This is the Bayesian relative of the "rule of three": with `level = 0.90` the bound is a
/// one-sided 95% bound, about `3 / (n + 1)`; at the default 95% it is about `3.7 / (n + 1)`.
/// (The frequentist version is the Clopper–Pearson upper end with `k = 0`,
/// `1 - ((1 - level) / 2)^(1 / n)`, see [`clopper_pearson_interval`].)
pub fn upper_bound_when_none_seen(n: u64, level: f64) -> Result<f64> {
    Ok(beta_posterior_interval(0, n, BetaPrior::UNIFORM, level)?.upper)
}

/// An interval from two quantiles that may, for an extremely narrow interval, come out in the
/// wrong order by a rounding error (the quantile search is accurate, not exact).
/// Serde for an upper end that may be `+∞`: written as `null`, read back from `null`.
pub(crate) mod upper_end_serde {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        if *value == f64::INFINITY {
            serializer.serialize_none()
        } else {
            serializer.serialize_f64(*value)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(deserializer)?.unwrap_or(f64::INFINITY))
    }
}

fn ordered_interval(lower: f64, upper: f64, level: f64) -> Result<Interval> {
    Interval::new(lower.min(upper), upper.max(lower), level)
}
