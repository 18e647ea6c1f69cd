//! Confusion counts of a thresholded classifier.
//!
//! # Convention (used throughout this crate)
//!
//! A classifier score is the estimated probability that a snippet is **injurious**.
//!
//! * `score >= threshold` ⇒ classified injurious: the filter **rejects** the snippet.
//! * `score <  threshold` ⇒ classified non-injurious: the filter **accepts** it.
//!
//! Labels are `true` for injurious, `false` for non-injurious. So a **false negative** is an
//! injurious snippet with `score < threshold` (it slips through the filter), and a **false
//! positive** is a non-injurious snippet with `score >= threshold` (needlessly rejected).
//! Raising the threshold accepts more: the FNR can only go up and the FPR only down.

use ndarray::ArrayView1;
use serde::{Deserialize, Serialize};

use crate::error::{MetricsError, Result, check_not_nan};
use crate::interval::{DEFAULT_LEVEL, IntervalMethod};
use crate::rate::RateEstimate;
use crate::views::as_slice;

/// Counts of the four outcomes of a thresholded classifier (see the module docs for the
/// convention: `score >= threshold` means rejected as injurious).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConfusionCounts {
    /// Injurious and rejected (`score >= threshold`).
    pub true_positives: u64,
    /// Non-injurious but rejected (`score >= threshold`).
    pub false_positives: u64,
    /// Non-injurious and accepted (`score < threshold`).
    pub true_negatives: u64,
    /// Injurious but accepted (`score < threshold`): the failures that matter.
    pub false_negatives: u64,
}

impl ConfusionCounts {
    /// Counts outcomes for `scores` and parallel `labels` (`true` = injurious) at `threshold`.
    /// Each may be a slice, a `Vec`, an array or an ndarray array or view (see the
    /// [crate docs](crate#numbers-in-ndarray)).
    ///
    /// Errors when the lengths differ, a score is NaN, or the threshold is NaN.
    ///
    /// ```
    /// use metrics::ConfusionCounts;
    /// let scores = [0.9, 0.001, 0.3, 0.0005];
    /// let labels = [true, true, false, false];
    /// let counts = ConfusionCounts::from_scores(&scores, &labels, 0.002).unwrap();
    /// // The injurious snippet scored 0.001 is accepted: one false negative.
    /// assert_eq!(counts.false_negatives, 1);
    /// assert_eq!(counts.false_positives, 1);
    /// ```
    pub fn from_scores<'a>(
        scores: impl Into<ArrayView1<'a, f64>>,
        labels: impl Into<ArrayView1<'a, bool>>,
        threshold: f64,
    ) -> Result<Self> {
        let (scores, labels) = (as_slice(scores.into()), as_slice(labels.into()));
        let (scores, labels) = (&*scores, &*labels);
        check_scores_and_labels(scores, labels)?;
        check_not_nan("threshold", &[threshold])?;
        let mut counts = Self::default();
        for (&score, &injurious) in scores.iter().zip(labels) {
            let rejected = score >= threshold;
            match (injurious, rejected) {
                (true, true) => counts.true_positives += 1,
                (true, false) => counts.false_negatives += 1,
                (false, true) => counts.false_positives += 1,
                (false, false) => counts.true_negatives += 1,
            }
        }
        Ok(counts)
    }

    /// Number of injurious snippets (`TP + FN`).
    pub fn positives(&self) -> u64 {
        self.true_positives + self.false_negatives
    }

    /// Number of non-injurious snippets (`FP + TN`).
    pub fn negatives(&self) -> u64 {
        self.false_positives + self.true_negatives
    }

    /// Number of snippets.
    pub fn total(&self) -> u64 {
        self.positives() + self.negatives()
    }

    /// Number of rejected snippets (`TP + FP`).
    pub fn rejected(&self) -> u64 {
        self.true_positives + self.false_positives
    }

    /// Fraction of all snippets rejected (`(TP + FP) / total`); `None` when there are none.
    pub fn rejection_rate(&self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| self.rejected() as f64 / total as f64)
    }

    /// False-negative rate `FN / (TP + FN)` with the 95% Beta(1, 1) credible interval.
    /// Errors when there are no injurious snippets.
    pub fn false_negative_rate(&self) -> Result<RateEstimate> {
        self.false_negative_rate_with(IntervalMethod::default(), DEFAULT_LEVEL)
    }

    /// False-positive rate `FP / (FP + TN)` with the 95% Beta(1, 1) credible interval.
    /// Errors when there are no non-injurious snippets.
    pub fn false_positive_rate(&self) -> Result<RateEstimate> {
        self.false_positive_rate_with(IntervalMethod::default(), DEFAULT_LEVEL)
    }

    /// False-negative rate with an interval of the given method and level.
    pub fn false_negative_rate_with(
        &self,
        method: IntervalMethod,
        level: f64,
    ) -> Result<RateEstimate> {
        if self.positives() == 0 {
            return Err(MetricsError::NoTrials {
                what: "false-negative rate (there are no injurious examples)",
            });
        }
        RateEstimate::with_method(self.false_negatives, self.positives(), method, level)
    }

    /// False-positive rate with an interval of the given method and level.
    pub fn false_positive_rate_with(
        &self,
        method: IntervalMethod,
        level: f64,
    ) -> Result<RateEstimate> {
        if self.negatives() == 0 {
            return Err(MetricsError::NoTrials {
                what: "false-positive rate (there are no non-injurious examples)",
            });
        }
        RateEstimate::with_method(self.false_positives, self.negatives(), method, level)
    }
}

/// Checks that scores and labels are parallel and that no score is NaN.
pub(crate) fn check_scores_and_labels(scores: &[f64], labels: &[bool]) -> Result<()> {
    if scores.len() != labels.len() {
        return Err(MetricsError::LengthMismatch {
            left: "scores",
            left_len: scores.len(),
            right: "labels",
            right_len: labels.len(),
        });
    }
    check_not_nan("scores", scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_convention() {
        // Hand count: threshold 0.5; a score exactly at the threshold is rejected.
        let scores = [0.5, 0.49, 0.7, 0.1, 0.5];
        let labels = [true, true, false, false, false];
        let c = ConfusionCounts::from_scores(&scores, &labels, 0.5).unwrap();
        assert_eq!(
            c,
            ConfusionCounts {
                true_positives: 1,
                false_negatives: 1,
                false_positives: 2,
                true_negatives: 1,
            }
        );
        assert_eq!(c.rejection_rate(), Some(3.0 / 5.0));
        assert_eq!(c.false_negative_rate().unwrap().estimate, 0.5);
        assert_eq!(c.false_positive_rate().unwrap().estimate, 2.0 / 3.0);
    }

    #[test]
    fn errors() {
        assert!(matches!(
            ConfusionCounts::from_scores(&[0.1], &[true, false], 0.5),
            Err(MetricsError::LengthMismatch { .. })
        ));
        assert!(matches!(
            ConfusionCounts::from_scores(&[0.1, f64::NAN], &[true, false], 0.5),
            Err(MetricsError::InvalidValue {
                what: "scores",
                index: 1,
                ..
            })
        ));
        let only_negatives = ConfusionCounts::from_scores(&[0.1], &[false], 0.5).unwrap();
        assert!(matches!(
            only_negatives.false_negative_rate(),
            Err(MetricsError::NoTrials { .. })
        ));
    }
}
