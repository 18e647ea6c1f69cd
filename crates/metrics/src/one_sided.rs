//! One-sided upper confidence bounds on a rate from plain (unweighted) sampling: what
//! random sampling alone can say about a failure rate, the baseline that the rare-event
//! estimators ([`crate::importance`], [`crate::splitting`]) are compared with.
//!
//! With no failure in `n` draws the exact one-sided bound at 95% is
//! `1 − 0.05^(1/n) ≈ 3 / n` (the "rule of three"): the paper's 100,033 test snippets can
//! show a rate below about 3.0e-5 and nothing finer.

use crate::error::{MetricsError, Result, check_counts};
use crate::special::beta_quantile;

/// One-sided Clopper–Pearson ("exact") upper confidence bound at `confidence` (e.g. 0.95)
/// on a rate after `k` failures in `n >= 1` independent draws: the `confidence` quantile
/// of Beta(k + 1, n − k), or 1 when `k = n`. With `k = 0` it is
/// `1 − (1 − confidence)^(1/n)`, about `3 / n` at 95%.
///
/// This is one-sided: the rate lies below the bound with probability at least
/// `confidence`. (The upper end of the *central* interval
/// [`crate::clopper_pearson_interval`] at level `L` is this bound at confidence
/// `(1 + L) / 2`.)
///
/// ```
/// // No failure among the paper's 100,033 test snippets: below 3.0e-5 at 95%.
/// let bound = metrics::clopper_pearson_upper_bound(0, 100_033, 0.95)?;
/// assert!((bound - (1.0 - 0.05_f64.powf(1.0 / 100_033.0))).abs() < 1e-15);
/// assert!((bound * 100_033.0 - 2.9957).abs() < 1e-3); // −ln 0.05 = 2.9957
/// # Ok::<(), metrics::MetricsError>(())
/// ```
pub fn clopper_pearson_upper_bound(k: u64, n: u64, confidence: f64) -> Result<f64> {
    check_counts(k, n)?;
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(MetricsError::InvalidLevel { level: confidence });
    }
    if n == 0 {
        return Err(MetricsError::NoTrials {
            what: "Clopper-Pearson upper bound",
        });
    }
    if k == n {
        return Ok(1.0);
    }
    if k == 0 {
        // Closed form; -expm1(ln(1 - c) / n) keeps every digit when the bound is tiny.
        return Ok(-((1.0 - confidence).ln() / n as f64).exp_m1());
    }
    beta_quantile((k + 1) as f64, (n - k) as f64, confidence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn against_scipy_and_closed_forms() {
        // k > 0: the upper end of the central interval at level 2c - 1 is by definition the
        // same Beta(k + 1, n - k) quantile at c.
        let central = crate::clopper_pearson_interval(2, 2447, 0.90).unwrap();
        let one_sided = clopper_pearson_upper_bound(2, 2447, 0.95).unwrap();
        assert!((central.upper - one_sided).abs() < 1e-15);
        // k = 0, n = 10: 1 - 0.05^(1/10) = 0.2588655508930522 (closed form, Python float)
        let b = clopper_pearson_upper_bound(0, 10, 0.95).unwrap();
        assert!((b - 0.258_865_550_893_052).abs() < 1e-12, "{b}");
        assert_eq!(clopper_pearson_upper_bound(5, 5, 0.95).unwrap(), 1.0);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(matches!(
            clopper_pearson_upper_bound(0, 0, 0.95),
            Err(MetricsError::NoTrials { .. })
        ));
        assert!(matches!(
            clopper_pearson_upper_bound(3, 2, 0.95),
            Err(MetricsError::CountExceedsTrials { .. })
        ));
        assert!(matches!(
            clopper_pearson_upper_bound(0, 2, 1.0),
            Err(MetricsError::InvalidLevel { .. })
        ));
    }
}
