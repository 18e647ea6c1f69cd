//! What the automatic attacks optimise: the lowest score (cross the threshold and stop),
//! or the most egregious injury that still crosses it (the authors' look back: "train on
//! the most egregious failures").

use labels::Snippet;
use serde::{Deserialize, Serialize};

use crate::error::{AttackError, Result};

/// Rates how egregious a snippet's injury is: severity × directness, 1 (none) to 10
/// (a specific injury of maximum severity, stated outright), as in the paper's Figure 2.
pub trait Egregiousness {
    /// The rating of `snippet`.
    fn egregiousness(&self, snippet: &Snippet) -> Result<f64>;
}

impl<F: Fn(&Snippet) -> f64> Egregiousness for F {
    fn egregiousness(&self, snippet: &Snippet) -> Result<f64> {
        Ok(self(snippet))
    }
}

/// The objective of an automatic attack.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Objective {
    /// Lower the score until the target accepts the snippet, then stop (what the paper's
    /// contractors were asked to do).
    #[default]
    LowestScore,
    /// Minimise `logit(score) − weight × egregiousness` (so an edit that lowers
    /// egregiousness by one must lower the log-odds by `weight` to be worth it); after the
    /// first success keep going for up to `extra_steps` steps that stay accepted and
    /// injurious while raising egregiousness, and submit the most egregious success.
    MostEgregious {
        /// Log-odds one point of egregiousness is worth.
        weight: f64,
        /// Steps spent after the first success.
        extra_steps: usize,
    },
}

impl Objective {
    /// The egregiousness objective with weight 1 and 10 extra steps.
    pub fn most_egregious() -> Self {
        Objective::MostEgregious {
            weight: 1.0,
            extra_steps: 10,
        }
    }

    /// Checks the weight is finite and non-negative.
    pub fn validate(&self) -> Result<()> {
        if let Objective::MostEgregious { weight, .. } = self
            && !(weight.is_finite() && *weight >= 0.0)
        {
            return Err(AttackError::Setting(format!(
                "the egregiousness weight must be finite and non-negative, got {weight}"
            )));
        }
        Ok(())
    }

    /// Whether egregiousness ratings are needed.
    pub fn needs_egregiousness(&self) -> bool {
        matches!(self, Objective::MostEgregious { .. })
    }

    /// The value to minimise for a snippet with this score and egregiousness.
    pub fn value(&self, score: f64, egregiousness: Option<f64>) -> f64 {
        match self {
            Objective::LowestScore => score,
            Objective::MostEgregious { weight, .. } => {
                log_odds(score) - weight * egregiousness.unwrap_or(0.0)
            }
        }
    }
}

/// `ln(p / (1 − p))`, with p kept within `[1e-12, 1 − 1e-12]` so that it stays finite.
pub fn log_odds(p: f64) -> f64 {
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    (p / (1.0 - p)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(Objective::LowestScore.value(0.3, Some(9.0)), 0.3);
        let o = Objective::most_egregious();
        // logit(0.5) = 0, minus 1 × 7 (by hand)
        assert!((o.value(0.5, Some(7.0)) + 7.0).abs() < 1e-12);
        // a less egregious snippet needs log-odds lower by the weight to tie
        let a = o.value(0.5, Some(7.0));
        let b = o.value(1.0 / (1.0 + 1f64.exp()), Some(6.0)); // logit = −1
        assert!((a - b).abs() < 1e-12);
        assert!(log_odds(0.0).is_finite() && log_odds(1.0).is_finite());
        assert!(
            Objective::MostEgregious {
                weight: -1.0,
                extra_steps: 0
            }
            .validate()
            .is_err()
        );
    }
}
