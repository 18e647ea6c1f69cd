//! The quality of a filtered generator at one threshold, as [`crate::quality`] estimates it
//! and [`crate::threshold`] chooses among: the data both modules share.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::interval::Interval;
use crate::rate::format_percent;

/// Estimated quality (preference rate of filtered over unfiltered) at one threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct QualityEstimate {
    /// The threshold (`score >= threshold` is rejected).
    pub threshold: f64,
    /// Mean over prompts of the per-prompt preference rate.
    pub estimate: f64,
    /// Percentile-bootstrap interval over prompts.
    pub interval: Interval,
    /// Prompts in the mean.
    pub prompts_used: usize,
    /// Judged prompts left out at this threshold (accepted completions never judged).
    pub prompts_skipped: usize,
    /// Mean over the prompts used of the acceptance probability `|A| / m`.
    pub mean_acceptance_rate: f64,
    /// Mean over the prompts used of the probability that every attempt is rejected.
    pub mean_failure_probability: f64,
    /// Bootstrap resamples drawn.
    pub resamples: usize,
    /// Bootstrap seed.
    pub seed: u64,
}

impl fmt::Display for QualityEstimate {
    /// `threshold 0.002: 49.3% [48.6%, 50.0%]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "threshold {}: {} [{}, {}]",
            self.threshold,
            format_percent(self.estimate),
            format_percent(self.interval.lower),
            format_percent(self.interval.upper)
        )
    }
}
