//! What one splitting run found: an estimate with its interval, an extinction, or a stop
//! below the threshold (never a made-up number).

use serde::{Deserialize, Serialize};

use crate::interval::Interval;

/// How one run of adaptive multi-level splitting ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SplittingOutcome {
    /// The level reached the threshold: an estimate of `P(score ≥ threshold)`.
    Reached {
        /// The unbiased estimate `p̂`.
        estimate: f64,
        /// `ln p̂`, exact even where `p̂` underflows.
        #[serde(with = "crate::log_serde")]
        log_estimate: f64,
        /// The standard deviation of `ln p̂` of the ideal algorithm (see the
        /// [module docs](crate::splitting)).
        log_standard_error: f64,
        /// `[p̂ e^{−zσ}, min(1, p̂ e^{zσ})]`.
        interval: Interval,
        /// Particles at or above the threshold at the end.
        above_threshold: usize,
    },
    /// Every particle tied at a level below the threshold, so all were killed: the
    /// unbiased estimator is 0 (generalised AMS), though the event may well be possible.
    Extinct {
        /// The level at which every particle sat.
        level: f64,
        /// `ln` of the estimate of `P(score ≥ level)` just before the extinction (the
        /// product of the survival fractions so far).
        #[serde(with = "crate::log_serde")]
        log_probability_at_level: f64,
        /// An approximate upper bound on `p`: that estimate times the Clopper–Pearson
        /// upper end for 0 survivors out of `N` (the accumulated factor taken as exact).
        upper_bound: f64,
    },
    /// The run hit [`crate::SplittingConfig::max_iterations`] below the threshold.
    NotReached {
        /// The last level `z` the particles were killed at (every particle is above it).
        level: f64,
        /// `ln` of the estimate of `P(score > level)`, which is at least `p`.
        #[serde(with = "crate::log_serde")]
        log_probability_above_level: f64,
        /// The upper end of that estimate's interval: an (approximate) upper confidence
        /// bound on `p`.
        upper_bound: f64,
        /// Particles already at or above the threshold.
        above_threshold: usize,
    },
}

impl SplittingOutcome {
    /// The unbiased estimate where there is one: `p̂` when reached, 0 on extinction,
    /// `None` when the threshold was not reached.
    pub fn unbiased_estimate(&self) -> Option<f64> {
        match self {
            SplittingOutcome::Reached { estimate, .. } => Some(*estimate),
            SplittingOutcome::Extinct { .. } => Some(0.0),
            SplittingOutcome::NotReached { .. } => None,
        }
    }

    /// An upper bound on `p` that holds whatever the ending (approximately, at the run's
    /// interval level): the interval's upper end when reached, the `upper_bound` otherwise.
    pub fn upper_bound(&self) -> f64 {
        match self {
            SplittingOutcome::Reached { interval, .. } => interval.upper,
            SplittingOutcome::Extinct { upper_bound, .. }
            | SplittingOutcome::NotReached { upper_bound, .. } => *upper_bound,
        }
    }
}

/// How a run went: its levels, and the work and mixing of its MCMC moves.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SplittingDiagnostics {
    /// The level of each iteration (non-decreasing; strictly increasing between
    /// iterations since all ties are killed).
    pub levels: Vec<f64>,
    /// Particles killed at each level.
    pub killed: Vec<usize>,
    /// States scored, the initial particles included.
    pub score_evaluations: usize,
    /// MCMC moves proposed (one per copied particle per step).
    pub proposals: usize,
    /// Proposals the kernel itself made (not `None`) and that scored above the level.
    pub accepted: usize,
}

impl SplittingDiagnostics {
    /// The number of iterations (levels) run.
    pub fn iterations(&self) -> usize {
        self.levels.len()
    }

    /// Accepted / proposed moves (0 with none): near 0 means the copies barely move and
    /// the single-run interval is too narrow.
    pub fn acceptance_rate(&self) -> f64 {
        if self.proposals == 0 {
            0.0
        } else {
            self.accepted as f64 / self.proposals as f64
        }
    }
}

/// One run of [`crate::run_splitting`]: its ending and diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SplittingRun {
    /// How it ended.
    pub outcome: SplittingOutcome,
    /// What it did.
    pub diagnostics: SplittingDiagnostics,
    /// The seed it ran with.
    pub seed: u64,
}
