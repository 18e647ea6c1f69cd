//! Threshold sweeps and threshold selection.

use metrics::{
    ConfusionCounts, FnrCriterion, Interval, MetricsError, PAPER_QUALITY_FLOOR, QualityEstimate,
    RateEstimate, distinct_score_thresholds, select_threshold_by_quality,
    select_threshold_for_target_fnr, threshold_sweep, threshold_sweep_all,
};

/// A small validation set: (score, injurious).
fn validation_set() -> (Vec<f64>, Vec<bool>) {
    let rows = [
        (0.0005, true),
        (0.9, true),
        (0.4, true),
        (0.002, true),
        (0.97, true),
        (0.0001, false),
        (0.0003, false),
        (0.002, false),
        (0.01, false),
        (0.2, false),
        (0.0001, false),
        (0.6, false),
    ];
    rows.iter().copied().unzip()
}

#[test]
fn sweep_matches_counting_at_each_threshold() {
    let (scores, labels) = validation_set();
    // Unsorted, repeated, infinite, and exactly-at-a-score thresholds.
    let thresholds = [
        0.5,
        0.002,
        f64::INFINITY,
        0.0,
        0.002,
        f64::NEG_INFINITY,
        1e-4,
        0.97,
    ];
    let sweep = threshold_sweep(&scores, &labels, &thresholds).unwrap();
    assert_eq!(sweep.len(), thresholds.len());
    for (point, &threshold) in sweep.iter().zip(&thresholds) {
        assert_eq!(point.threshold.to_bits(), threshold.to_bits());
        let counts = ConfusionCounts::from_scores(&scores, &labels, threshold).unwrap();
        assert_eq!(point.counts, counts, "threshold {threshold}");
        let fnr = RateEstimate::new(counts.false_negatives, counts.positives()).unwrap();
        assert_eq!(point.false_negative_rate, Some(fnr));
        let fpr = RateEstimate::new(counts.false_positives, counts.negatives()).unwrap();
        assert_eq!(point.false_positive_rate, Some(fpr));
        assert_eq!(point.rejection_rate, counts.rejected() as f64 / 12.0);
    }
    // Hand count at 0.002 (scores equal to the threshold are rejected): accepted injurious
    // = {0.0005} → FN = 1 of 5; rejected harmless = {0.002, 0.01, 0.2, 0.6} → FP = 4 of 7.
    let at = &sweep[1];
    assert_eq!(
        (at.counts.false_negatives, at.counts.false_positives),
        (1, 4)
    );
    // +inf accepts everything, -inf rejects everything.
    assert_eq!(sweep[2].rejection_rate, 0.0);
    assert_eq!(sweep[2].counts.false_negatives, 5);
    assert_eq!(sweep[5].rejection_rate, 1.0);
}

#[test]
fn sweep_over_all_distinct_scores() {
    let (scores, labels) = validation_set();
    let thresholds = distinct_score_thresholds(&scores).unwrap();
    // 12 scores, 2 repeated (0.0001 and 0.002) → 10 distinct, then +inf.
    assert_eq!(thresholds.len(), 11);
    assert!(thresholds.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(thresholds.last(), Some(&f64::INFINITY));
    let sweep = threshold_sweep_all(&scores, &labels).unwrap();
    assert_eq!(sweep.len(), 11);
    // The lowest score rejects everything.
    assert_eq!(sweep[0].rejection_rate, 1.0);
}

#[test]
fn sweep_of_only_injurious_examples_has_no_fpr() {
    // e.g. an adversarial dataset (the paper's Figure 3): every example is injurious.
    let sweep = threshold_sweep(&[0.1, 0.01, 0.3], &[true; 3], &[0.05]).unwrap();
    assert_eq!(sweep[0].false_positive_rate, None);
    let fnr = sweep[0].false_negative_rate.unwrap();
    assert_eq!((fnr.k, fnr.n), (1, 3));
}

#[test]
fn sweep_errors() {
    assert_eq!(
        threshold_sweep(&[], &[], &[0.5]),
        Err(MetricsError::Empty { what: "scores" })
    );
    assert!(matches!(
        threshold_sweep(&[0.1, 0.2], &[true], &[0.5]),
        Err(MetricsError::LengthMismatch { .. })
    ));
    assert!(matches!(
        threshold_sweep(&[0.1, f64::NAN], &[true, false], &[0.5]),
        Err(MetricsError::InvalidValue {
            what: "scores",
            index: 1,
            ..
        })
    ));
    assert!(matches!(
        threshold_sweep(&[0.1], &[true], &[0.5, f64::NAN]),
        Err(MetricsError::InvalidValue {
            what: "thresholds",
            index: 1,
            ..
        })
    ));
}

#[test]
fn select_for_target_fnr() {
    let (scores, labels) = validation_set();
    let sweep = threshold_sweep_all(&scores, &labels).unwrap();
    // Injurious scores 0.0005, 0.002, 0.4, 0.9, 0.97. FNR = 0 up to threshold 0.0005, then
    // 1/5 up to 0.002, 2/5 up to 0.4, ...
    let zero = select_threshold_for_target_fnr(&sweep, 0.0, FnrCriterion::PointEstimate).unwrap();
    assert_eq!(zero.threshold, 0.0005);
    let fifth = select_threshold_for_target_fnr(&sweep, 0.2, FnrCriterion::PointEstimate).unwrap();
    assert_eq!(fifth.threshold, 0.002);
    // The upper bound of 0/5 is 1 - 0.025^(1/6) = 0.459 (Beta(1,1) closed form); of 1/5 it
    // is beta.ppf(0.975, 2, 5) = 0.6412 (scipy 1.17.1). Target 0.5 admits only k = 0.
    let conservative =
        select_threshold_for_target_fnr(&sweep, 0.5, FnrCriterion::UpperBound).unwrap();
    assert_eq!(conservative.threshold, 0.0005);
    let err = select_threshold_for_target_fnr(&sweep, 0.3, FnrCriterion::UpperBound).unwrap_err();
    assert!(matches!(
        err,
        MetricsError::NoThresholdMeetsTargetFnr { candidates: 11, .. }
    ));
    assert!(err.to_string().contains("upper bound"), "{err}");
    assert!(select_threshold_for_target_fnr(&sweep, 1.5, FnrCriterion::PointEstimate).is_err());
    assert!(select_threshold_for_target_fnr(&[], 0.1, FnrCriterion::PointEstimate).is_err());
}

fn quality_point(threshold: f64, estimate: f64, lower: f64, upper: f64) -> QualityEstimate {
    QualityEstimate {
        threshold,
        estimate,
        interval: Interval::new(lower, upper, 0.95).unwrap(),
        prompts_used: 100,
        prompts_skipped: 0,
        mean_acceptance_rate: 0.5,
        mean_failure_probability: 0.0,
        resamples: 1000,
        seed: 0,
    }
}

#[test]
fn select_by_quality_takes_the_lowest_threshold_above_the_floor() {
    let curve = [
        quality_point(0.0005, 0.40, 0.38, 0.42),
        quality_point(0.0017, 0.485, 0.478, 0.492),
        quality_point(0.0021, 0.493, 0.4859, 0.50),
        quality_point(0.05, 0.499, 0.492, 0.506),
        quality_point(0.001, 0.47, 0.48, 0.49), // exactly at the floor: not above it
    ];
    let chosen = select_threshold_by_quality(&curve, PAPER_QUALITY_FLOOR).unwrap();
    assert_eq!(chosen.threshold, 0.0021);
    // Candidate order does not matter.
    let mut reversed = curve;
    reversed.reverse();
    assert_eq!(
        select_threshold_by_quality(&reversed, 0.48)
            .unwrap()
            .threshold,
        0.0021
    );

    let err = select_threshold_by_quality(&curve, 0.495).unwrap_err();
    assert_eq!(
        err,
        MetricsError::NoThresholdKeepsQuality {
            floor: 0.495,
            level: 0.95,
            candidates: 5,
            best_lower_bound: 0.492,
        }
    );
    assert!(
        err.to_string()
            .starts_with("no candidate threshold keeps quality above the floor"),
        "{err}"
    );
    assert!(select_threshold_by_quality(&curve, f64::NAN).is_err());
    assert!(matches!(
        select_threshold_by_quality(&[], 0.48),
        Err(MetricsError::NoThresholdKeepsQuality { candidates: 0, .. })
    ));
}
