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
//! Every fallible function returns [`MetricsError`]; nothing panics on bad input.
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
pub mod rate;
mod special;
pub mod splitting;
pub mod threshold;

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
