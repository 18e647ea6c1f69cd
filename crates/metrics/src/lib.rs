//! Reliability statistics for a high-stakes classifier and its filtered generator, as in
//! *Adversarial training for high-stakes reliability* (Ziegler et al., 2022):
//!
//! * **ROC AUC** of scores ([`roc_auc`]): the Mann–Whitney estimate with an interval that
//!   stays honest when one class is small (see [`auc`]);
//! * **rates from counts** ([`RateEstimate`]): false-negative and false-positive rates with
//!   Beta-posterior credible intervals (prior Beta(1, 1) by default), and Clopper–Pearson
//!   and Wilson intervals for comparison ([`interval`]);
//! * **confusion counts** of a thresholded classifier ([`ConfusionCounts`]), with the
//!   convention `score >= threshold` ⇒ rejected as injurious (see [`confusion`]);
//! * **bootstrap intervals**, seeded and reproducible, for a mean, a ratio of means, or any
//!   statistic ([`bootstrap`]), e.g. minutes per adversarial example;
//! * **threshold sweeps and selection** ([`threshold`]): FNR, FPR and rejection rate at every
//!   threshold, the lowest threshold keeping quality above a floor (the paper's rule) or
//!   the highest one meeting a target FNR;
//! * **quality of the rejection-sampled generator** from pairwise comparisons of unfiltered
//!   completions, and from direct comparisons ([`quality`]);
//! * **failure rates far below 1/n**: importance sampling with unbiased and self-normalised
//!   estimators, their intervals and effective sample sizes ([`importance`]), adaptive
//!   multi-level splitting over any batched [`SplittingProblem`] ([`splitting`]), and the
//!   one-sided Clopper–Pearson bound of plain sampling they are compared with
//!   ([`clopper_pearson_upper_bound`], about 3/n at 95% when nothing failed).
//!
//! Every fallible function returns [`MetricsError`]; nothing panics on bad input. Vectors of
//! numbers may be slices or [`ndarray`] arrays and views (see
//! [below](#numbers-in-ndarray)).
//!
//! ```
//! use metrics::{RateEstimate, upper_bound_when_none_seen};
//!
//! // Table 2 of the paper: the baseline classifier let 2 of 2447 injurious test snippets
//! // through. 95% Beta(1, 1) credible interval:
//! // scipy 1.17.1: beta.ppf([0.025, 0.975], 3, 2446) = [0.000252797, 0.00294811]
//! let fnr = RateEstimate::new(2, 2447)?;
//! assert!((fnr.interval.lower - 0.000_252_797).abs() < 1e-9);
//! assert!((fnr.interval.upper - 0.002_948_11).abs() < 1e-8);
//! assert_eq!(fnr.to_string(), "2/2447 = 0.082% [0.025%, 0.29%]");
//!
//! // Had none slipped through, the rate would still be below about 0.15%:
//! let bound = upper_bound_when_none_seen(2447, 0.95)?;
//! assert!((bound - (1.0 - 0.025_f64.powf(1.0 / 2448.0))).abs() < 1e-12);
//! # Ok::<(), metrics::MetricsError>(())
//! ```
//!
//! # Numbers in ndarray
//!
//! Every function that takes a vector of numbers — scores, labels, samples, log-weights,
//! thresholds: [`roc_auc`], [`ConfusionCounts::from_scores`], the [`bootstrap`]
//! functions, [`importance_estimate`], the [`threshold`] sweeps,
//! [`PairwiseQualityData::quality_curve`] and [`PairwiseQualityData::select_threshold`] —
//! takes it as `impl Into<ArrayView1<'a, _>>`: a slice, a `&Vec`, a `&[_; N]`, a
//! `&`[`Array1`](ndarray::Array1) or an [`ArrayView1`](ndarray::ArrayView1) (such as a
//! column of a table). Contiguous data is read in place; a strided view (a column of a
//! row-major table, a reversed view) is copied first. Either way the numbers are exactly
//! those of the slice path. [`PairwiseQualityData::completion_scores_array`] hands the
//! completion scores back as an `Array1`. The crate re-exports [`ndarray`] (0.16, the
//! release `tch` uses), so that callers can name the same version.
//!
//! ```
//! use metrics::ndarray::{Array1, array};
//! use metrics::{BootstrapConfig, ConfusionCounts, bootstrap_mean, roc_auc, threshold_sweep};
//!
//! // a table of (score, injurious) rows, as a 2-D array
//! let table = array![[0.9, 1.0], [0.001, 1.0], [0.3, 0.0], [0.0005, 0.0]];
//! let scores = table.column(0);
//! let labels: Array1<bool> = table.column(1).mapv(|l| l == 1.0);
//! let counts = ConfusionCounts::from_scores(scores, &labels, 0.002)?;
//! // the same numbers as from slices
//! let slice_counts =
//!     ConfusionCounts::from_scores(&[0.9, 0.001, 0.3, 0.0005], &[true, true, false, false], 0.002)?;
//! assert_eq!(counts, slice_counts);
//! assert_eq!(counts.false_negatives, 1);
//!
//! let sweep = threshold_sweep(scores, &labels, &array![0.002, 0.5])?;
//! assert_eq!(sweep[0].counts, counts);
//!
//! let auc = roc_auc(array![0.9, 0.001].view(), &[0.3, 0.0005], 0.95)?;
//! assert_eq!(auc.estimate, 0.75);
//!
//! let minutes = array![12.0, 25.0, 18.0, 31.0, 9.0, 22.0, 17.0, 26.0];
//! let config = BootstrapConfig::default();
//! let from_slice = bootstrap_mean(&[12.0, 25.0, 18.0, 31.0, 9.0, 22.0, 17.0, 26.0], &config)?;
//! assert_eq!(bootstrap_mean(&minutes, &config)?, from_slice);
//! # Ok::<(), metrics::MetricsError>(())
//! ```
#![deny(missing_docs)]

pub mod auc;
pub mod bootstrap;
pub mod confusion;
pub mod error;
pub mod filter_effect;
pub mod importance;
pub mod interval;
mod log_serde;
pub mod one_sided;
pub mod quality;
mod quality_estimate;
pub mod rate;
mod special;
pub mod splitting;
pub mod threshold;
mod views;

pub use ndarray;

pub use auc::{AucEstimate, roc_auc};
pub use bootstrap::{
    BootstrapConfig, BootstrapEstimate, DEFAULT_RESAMPLES, bootstrap_mean,
    bootstrap_ratio_of_means, bootstrap_statistic, bootstrap_units,
};
pub use confusion::ConfusionCounts;
pub use error::{MetricsError, Result};
pub use filter_effect::FilterEffect;
pub use importance::{
    ImportanceConfig, ImportanceEstimate, ImportanceIntervalBasis, ImportanceIntervalMethod,
    importance_estimate,
};
pub use interval::{
    BetaPrior, DEFAULT_LEVEL, Interval, IntervalMethod, MAX_PRIOR, beta_posterior_interval,
    clopper_pearson_interval, upper_bound_when_none_seen, wilson_interval,
};
pub use one_sided::clopper_pearson_upper_bound;
pub use quality::{
    DEFAULT_MAX_ATTEMPTS, DirectQualityEstimate, Outcome, PairwiseJudgement, PairwiseQualityData,
    PromptCompletions, QualityConfig, QualityEstimate, direct_quality,
};
pub use rate::{RateEstimate, format_percent};
pub use splitting::{
    RepeatedSplitting, RepeatedSummary, SplittingConfig, SplittingDiagnostics, SplittingError,
    SplittingOutcome, SplittingProblem, SplittingRun, run_repeated, run_splitting,
};
pub use threshold::{
    FnrCriterion, PAPER_QUALITY_FLOOR, ThresholdPoint, distinct_score_thresholds,
    select_threshold_by_quality, select_threshold_for_target_fnr, threshold_sweep,
    threshold_sweep_all, threshold_sweep_with,
};
