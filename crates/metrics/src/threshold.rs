//! Threshold sweeps over classifier scores, and the two ways of choosing a threshold:
//! by generator quality (the paper's rule, §5.1) and by a target false-negative rate.
//!
//! Convention as everywhere in this crate (see [`crate::confusion`]): `score >= threshold`
//! is rejected as injurious, `score < threshold` is accepted.

use ndarray::ArrayView1;
use serde::{Deserialize, Serialize};

use crate::confusion::{ConfusionCounts, check_scores_and_labels};
use crate::error::{MetricsError, Result, check_not_nan};
use crate::interval::{DEFAULT_LEVEL, IntervalMethod};
use crate::quality_estimate::QualityEstimate;
use crate::rate::RateEstimate;
use crate::views::as_slice;

/// The paper's quality floor: the chosen threshold is the lowest whose 95% lower bound on the
/// preference rate (filtered vs unfiltered) stays above 48%.
pub const PAPER_QUALITY_FLOOR: f64 = 0.48;

/// One row of a threshold sweep.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ThresholdPoint {
    /// The threshold (`score >= threshold` is rejected).
    pub threshold: f64,
    /// Confusion counts at this threshold.
    pub counts: ConfusionCounts,
    /// False-negative rate with its interval; `None` when there are no injurious examples.
    pub false_negative_rate: Option<RateEstimate>,
    /// False-positive rate with its interval; `None` when there are no non-injurious examples.
    pub false_positive_rate: Option<RateEstimate>,
    /// Fraction of all snippets with `score >= threshold`.
    pub rejection_rate: f64,
}

/// Sweeps `thresholds` over `scores` with parallel `labels` (`true` = injurious), giving at
/// each threshold the FNR and FPR (95% Beta(1, 1) intervals) and the rejection rate. The
/// result is in the order of `thresholds`.
///
/// Sorts the scores once and walks the thresholds in ascending order: `O(n log n + t log t)`,
/// and `O(n log n + t)` when the thresholds are already ascending. The constant per threshold
/// is the two intervals (about 20 µs in a release build for counts near 1e5; a point whose
/// count equals the previous point's reuses its interval).
///
/// Each of `scores`, `labels` and `thresholds` may be a slice, a `Vec`, an array or an
/// ndarray array or view (see the [crate docs](crate#numbers-in-ndarray)).
///
/// Errors when `scores` is empty, the lengths differ, or a score or threshold is NaN
/// (infinite thresholds are fine: `+inf` accepts everything).
pub fn threshold_sweep<'a>(
    scores: impl Into<ArrayView1<'a, f64>>,
    labels: impl Into<ArrayView1<'a, bool>>,
    thresholds: impl Into<ArrayView1<'a, f64>>,
) -> Result<Vec<ThresholdPoint>> {
    threshold_sweep_with(
        scores,
        labels,
        thresholds,
        IntervalMethod::default(),
        DEFAULT_LEVEL,
    )
}

/// [`threshold_sweep`] with intervals of the given method and level.
pub fn threshold_sweep_with<'a>(
    scores: impl Into<ArrayView1<'a, f64>>,
    labels: impl Into<ArrayView1<'a, bool>>,
    thresholds: impl Into<ArrayView1<'a, f64>>,
    method: IntervalMethod,
    level: f64,
) -> Result<Vec<ThresholdPoint>> {
    sweep(
        &as_slice(scores.into()),
        &as_slice(labels.into()),
        &as_slice(thresholds.into()),
        method,
        level,
    )
}

/// [`threshold_sweep_with`] over slices.
fn sweep(
    scores: &[f64],
    labels: &[bool],
    thresholds: &[f64],
    method: IntervalMethod,
    level: f64,
) -> Result<Vec<ThresholdPoint>> {
    check_scores_and_labels(scores, labels)?;
    if scores.is_empty() {
        return Err(MetricsError::Empty { what: "scores" });
    }
    check_not_nan("thresholds", thresholds)?;
    crate::error::check_level(level)?;

    let mut injurious: Vec<f64> = Vec::new();
    let mut harmless: Vec<f64> = Vec::new();
    for (&score, &label) in scores.iter().zip(labels) {
        if label {
            injurious.push(score);
        } else {
            harmless.push(score);
        }
    }
    injurious.sort_unstable_by(f64::total_cmp);
    harmless.sort_unstable_by(f64::total_cmp);

    // A stable sort runs in linear time on input that is already ascending.
    let mut order: Vec<usize> = (0..thresholds.len()).collect();
    order.sort_by(|&i, &j| thresholds[i].total_cmp(&thresholds[j]));

    // `x < t` (IEEE) holds on a prefix of a total_cmp-sorted slice, so two cursors suffice.
    let (mut accepted_injurious, mut accepted_harmless) = (0usize, 0usize);
    let mut points: Vec<Option<ThresholdPoint>> = vec![None; thresholds.len()];
    let (mut last_fnr, mut last_fpr) = (None, None);
    for index in order {
        let threshold = thresholds[index];
        while accepted_injurious < injurious.len() && injurious[accepted_injurious] < threshold {
            accepted_injurious += 1;
        }
        while accepted_harmless < harmless.len() && harmless[accepted_harmless] < threshold {
            accepted_harmless += 1;
        }
        let counts = ConfusionCounts {
            true_positives: (injurious.len() - accepted_injurious) as u64,
            false_negatives: accepted_injurious as u64,
            false_positives: (harmless.len() - accepted_harmless) as u64,
            true_negatives: accepted_harmless as u64,
        };
        points[index] = Some(ThresholdPoint {
            threshold,
            counts,
            false_negative_rate: cached_rate(
                &mut last_fnr,
                counts.false_negatives,
                counts.positives(),
                method,
                level,
            )?,
            false_positive_rate: cached_rate(
                &mut last_fpr,
                counts.false_positives,
                counts.negatives(),
                method,
                level,
            )?,
            rejection_rate: counts.rejected() as f64 / counts.total() as f64,
        });
    }
    // Every index appears exactly once in `order`, so every slot has been filled.
    Ok(points.into_iter().flatten().collect())
}

/// Every distinct score in ascending order, followed by `+inf` (which accepts everything):
/// the thresholds at which a sweep can change. Errors when a score is NaN.
pub fn distinct_score_thresholds<'a>(scores: impl Into<ArrayView1<'a, f64>>) -> Result<Vec<f64>> {
    distinct(&as_slice(scores.into()))
}

/// [`distinct_score_thresholds`] of a slice.
fn distinct(scores: &[f64]) -> Result<Vec<f64>> {
    check_not_nan("scores", scores)?;
    let mut thresholds = scores.to_vec();
    thresholds.sort_unstable_by(f64::total_cmp);
    thresholds.dedup_by(|a, b| a == b);
    if thresholds.last() != Some(&f64::INFINITY) {
        thresholds.push(f64::INFINITY);
    }
    Ok(thresholds)
}

/// [`threshold_sweep`] at every distinct score and at `+inf` (see
/// [`distinct_score_thresholds`]).
pub fn threshold_sweep_all<'a>(
    scores: impl Into<ArrayView1<'a, f64>>,
    labels: impl Into<ArrayView1<'a, bool>>,
) -> Result<Vec<ThresholdPoint>> {
    let scores = as_slice(scores.into());
    let thresholds = distinct(&scores)?;
    sweep(
        &scores,
        &as_slice(labels.into()),
        &thresholds,
        IntervalMethod::default(),
        DEFAULT_LEVEL,
    )
}

/// The rate `k / n` with its interval, or `None` when `n == 0`. Thresholds are walked in
/// ascending order, so consecutive points often share `k`: the last rate is reused then.
fn cached_rate(
    last: &mut Option<RateEstimate>,
    k: u64,
    n: u64,
    method: IntervalMethod,
    level: f64,
) -> Result<Option<RateEstimate>> {
    if n == 0 {
        return Ok(None);
    }
    if let Some(rate) = last.filter(|rate| rate.k == k) {
        return Ok(Some(rate));
    }
    let rate = RateEstimate::with_method(k, n, method, level)?;
    *last = Some(rate);
    Ok(Some(rate))
}

/// The paper's threshold rule (§5.1): among the candidates in `curve` (see
/// [`crate::PairwiseQualityData::quality_curve`]), the **lowest** threshold whose quality
/// interval's lower bound (95% by default) is strictly **above** `floor` (the paper: 0.48,
/// [`PAPER_QUALITY_FLOOR`]).
///
/// Every candidate is considered on its own; no monotonicity of the curve is assumed.
/// Errors with [`MetricsError::NoThresholdKeepsQuality`] when no candidate qualifies, and
/// when `floor` is not a number in [0, 1].
pub fn select_threshold_by_quality(
    curve: &[QualityEstimate],
    floor: f64,
) -> Result<QualityEstimate> {
    check_fraction("quality floor", floor)?;
    let chosen = curve
        .iter()
        .filter(|point| point.interval.lower > floor)
        .min_by(|a, b| a.threshold.total_cmp(&b.threshold));
    match chosen {
        Some(point) => Ok(*point),
        None => Err(MetricsError::NoThresholdKeepsQuality {
            floor,
            level: curve.first().map_or(DEFAULT_LEVEL, |p| p.interval.level),
            candidates: curve.len(),
            best_lower_bound: curve
                .iter()
                .map(|p| p.interval.lower)
                .max_by(f64::total_cmp)
                .unwrap_or(f64::NAN),
        }),
    }
}

/// Which figure of a false-negative rate is compared with a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FnrCriterion {
    /// The observed rate `k / n`.
    #[default]
    PointEstimate,
    /// The upper end of the rate's interval: the conservative choice.
    UpperBound,
}

impl FnrCriterion {
    fn value(&self, rate: &RateEstimate) -> f64 {
        match self {
            Self::PointEstimate => rate.estimate,
            Self::UpperBound => rate.interval.upper,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Self::PointEstimate => "point estimate",
            Self::UpperBound => "upper bound",
        }
    }
}

/// The **highest** threshold in a validation `sweep` whose false-negative rate (its
/// `criterion` figure) is at most `target_fnr`: the most permissive filter that still meets
/// the target.
///
/// Errors with [`MetricsError::NoThresholdMeetsTargetFnr`] when no point qualifies (also when
/// no point has injurious examples), and when `target_fnr` is not a number in [0, 1].
pub fn select_threshold_for_target_fnr(
    sweep: &[ThresholdPoint],
    target_fnr: f64,
    criterion: FnrCriterion,
) -> Result<ThresholdPoint> {
    check_fraction("target false-negative rate", target_fnr)?;
    let with_fnr = || {
        sweep
            .iter()
            .filter_map(|p| p.false_negative_rate.map(|fnr| (p, criterion.value(&fnr))))
    };
    let chosen = with_fnr()
        .filter(|&(_, fnr)| fnr <= target_fnr)
        .max_by(|(a, _), (b, _)| a.threshold.total_cmp(&b.threshold));
    match chosen {
        Some((point, _)) => Ok(*point),
        None => Err(MetricsError::NoThresholdMeetsTargetFnr {
            target: target_fnr,
            criterion: criterion.name(),
            candidates: with_fnr().count(),
            lowest: with_fnr()
                .map(|(_, fnr)| fnr)
                .min_by(f64::total_cmp)
                .unwrap_or(f64::NAN),
        }),
    }
}

fn check_fraction(name: &'static str, value: f64) -> Result<()> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(MetricsError::InvalidParameter {
            name,
            value,
            expected: "a number in [0, 1]",
        })
    }
}
