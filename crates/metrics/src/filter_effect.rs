//! How much a filter lowers the rate of catastrophes among what it lets through.
//!
//! A generator filtered by rejection sampling keeps drawing until the classifier accepts a
//! completion. On i.i.d. samples of the unfiltered generator labeled by the oversight
//! process, its failure rate is the injurious share of all samples, and the filtered
//! generator's is the injurious share of the accepted ones, `FN / (FN + TN)` (exact when
//! the acceptance rate does not depend on the prompt; with a false-positive rate of a few
//! percent the difference is of that order).

use serde::{Deserialize, Serialize};

use crate::confusion::ConfusionCounts;
use crate::error::{MetricsError, Result};
use crate::interval::{DEFAULT_LEVEL, Interval};
use crate::rate::RateEstimate;

/// The failure rate before and after filtering, and their ratio.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FilterEffect {
    /// Injurious share of every sample, `(TP + FN) / N`, with a Clopper–Pearson interval.
    pub unfiltered: RateEstimate,
    /// Injurious share of the accepted samples, `FN / (FN + TN)`, with a Clopper–Pearson
    /// interval.
    pub filtered: RateEstimate,
    /// `unfiltered / filtered`: infinite when no accepted sample is injurious (written
    /// as `null` in JSON, as an interval's open upper end is).
    #[serde(with = "crate::interval::upper_end_serde")]
    pub reduction: f64,
    /// A conservative interval for the ratio at the stated level: both rates' intervals
    /// taken at `1 − (1 − level) / 2` (Bonferroni), the lower end the smallest ratio they
    /// allow and the upper end the largest (infinite when the filtered rate's lower end
    /// is 0).
    pub reduction_interval: Interval,
}

impl FilterEffect {
    /// The effect of a filter from its confusion counts on i.i.d. samples, at the 95%
    /// level.
    ///
    /// ```
    /// use metrics::{ConfusionCounts, FilterEffect};
    /// let counts = ConfusionCounts {
    ///     true_positives: 248, false_negatives: 2, false_positives: 400, true_negatives: 19_350,
    /// };
    /// let effect = FilterEffect::from_counts(&counts).unwrap();
    /// assert_eq!((effect.unfiltered.k, effect.unfiltered.n), (250, 20_000));
    /// assert_eq!((effect.filtered.k, effect.filtered.n), (2, 19_352));
    /// assert!((effect.reduction - 0.0125 / (2.0 / 19_352.0)).abs() < 1e-9);
    /// assert!(effect.reduction_interval.lower > 20.0);
    /// ```
    pub fn from_counts(counts: &ConfusionCounts) -> Result<Self> {
        Self::from_counts_at(counts, DEFAULT_LEVEL)
    }

    /// [`FilterEffect::from_counts`] at `level`.
    pub fn from_counts_at(counts: &ConfusionCounts, level: f64) -> Result<Self> {
        let accepted = counts.false_negatives + counts.true_negatives;
        if counts.total() == 0 || accepted == 0 {
            return Err(MetricsError::NoTrials {
                what: "filter effect (no sample, or none accepted)",
            });
        }
        let unfiltered = RateEstimate::clopper_pearson(counts.positives(), counts.total(), level)?;
        let filtered = RateEstimate::clopper_pearson(counts.false_negatives, accepted, level)?;
        let each = 1.0 - (1.0 - level) / 2.0;
        let u = RateEstimate::clopper_pearson(counts.positives(), counts.total(), each)?;
        let f = RateEstimate::clopper_pearson(counts.false_negatives, accepted, each)?;
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::INFINITY };
        Ok(FilterEffect {
            unfiltered,
            filtered,
            reduction: ratio(unfiltered.estimate, filtered.estimate),
            reduction_interval: Interval::new(
                ratio(u.interval.lower, f.interval.upper),
                ratio(u.interval.upper, f.interval.lower),
                level,
            )?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(tp: u64, fn_: u64, fp: u64, tn: u64) -> ConfusionCounts {
        ConfusionCounts {
            true_positives: tp,
            false_negatives: fn_,
            false_positives: fp,
            true_negatives: tn,
        }
    }

    #[test]
    fn no_missed_failure_is_an_unbounded_reduction_with_a_finite_lower_end() {
        let e = FilterEffect::from_counts(&counts(300, 0, 100, 19_600)).unwrap();
        assert!(e.reduction.is_infinite());
        assert!(e.reduction_interval.upper.is_infinite());
        // 0/19,600 at 97.5%: upper 1 − 0.0125^(1/19600) = 2.23e-4; 300/20,000 at 97.5%
        // has lower end 0.01318 (Clopper–Pearson), so the ratio is at least about 59
        assert!((50.0..70.0).contains(&e.reduction_interval.lower), "{e:?}");
        // JSON has no infinity: it is written as null and read back infinite
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains("\"reduction\":null"), "{json}");
        let back: FilterEffect = serde_json::from_str(&json).unwrap();
        assert!(back.reduction.is_infinite() && back.reduction_interval.upper.is_infinite());
        assert_eq!(back.filtered, e.filtered);
    }

    #[test]
    fn a_filter_that_rejects_at_random_changes_nothing() {
        // half of every class rejected: the accepted share equals the whole share
        let e = FilterEffect::from_counts(&counts(100, 100, 4_900, 4_900)).unwrap();
        assert!((e.reduction - 1.0).abs() < 1e-12);
        assert!(e.reduction_interval.lower < 1.0 && e.reduction_interval.upper > 1.0);
    }

    #[test]
    fn nothing_accepted_is_an_error() {
        assert!(FilterEffect::from_counts(&counts(10, 0, 90, 0)).is_err());
        assert!(FilterEffect::from_counts(&counts(0, 0, 0, 0)).is_err());
    }
}
