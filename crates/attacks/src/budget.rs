//! How much an attack may spend: queries (what a person asks of the interface), model
//! evaluations (snippets the classifier runs on) and wall-clock time.

use serde::{Deserialize, Serialize};

use crate::error::{AttackError, Result};

/// Limits on one attack run. `None` means no limit of that kind.
///
/// Two units of effort are counted (see [`crate::QueryCounter`]):
/// - a **query** is one thing asked of the target's interface: a live score of the
///   current snippet, a saliency map, a gradient, or one dropdown of scored candidates,
///   however many snippets it holds. It is the unit of a person's effort, the one the
///   paper's §5.2 compares (a person with the tools opens a dropdown; without them, tries
///   an edit and reads the score);
/// - an **evaluation** is one snippet run through the classifier (scores, saliency maps
///   and gradient calls each count one per snippet; cached answers are free). It is the
///   unit of compute.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Budget {
    /// Most queries (interface requests).
    pub max_queries: Option<u64>,
    /// Most model evaluations (snippets scored).
    pub max_evaluations: Option<u64>,
    /// Most seconds of wall-clock time.
    pub max_seconds: Option<f64>,
}

impl Default for Budget {
    /// 2,000 evaluations, no query or time limit.
    fn default() -> Self {
        Budget {
            max_queries: None,
            max_evaluations: Some(2_000),
            max_seconds: None,
        }
    }
}

impl Budget {
    /// At most `n` queries, no other limit.
    pub fn queries(n: u64) -> Self {
        Budget {
            max_queries: Some(n),
            ..Budget::unlimited()
        }
    }

    /// At most `n` model evaluations, no other limit.
    pub fn evaluations(n: u64) -> Self {
        Budget {
            max_evaluations: Some(n),
            ..Budget::unlimited()
        }
    }

    /// At most `seconds` of wall time, no other limit.
    pub fn seconds(seconds: f64) -> Self {
        Budget {
            max_seconds: Some(seconds),
            ..Budget::unlimited()
        }
    }

    /// No limit at all: the attack ends when its search does.
    pub fn unlimited() -> Self {
        Budget {
            max_queries: None,
            max_evaluations: None,
            max_seconds: None,
        }
    }

    /// The same budget with a time limit too.
    pub fn with_seconds(self, seconds: f64) -> Self {
        Budget {
            max_seconds: Some(seconds),
            ..self
        }
    }

    /// The same budget with a query limit too.
    pub fn with_queries(self, n: u64) -> Self {
        Budget {
            max_queries: Some(n),
            ..self
        }
    }

    /// Checks the limits are usable (a time limit must be positive and finite).
    pub fn validate(&self) -> Result<()> {
        if let Some(s) = self.max_seconds
            && !(s.is_finite() && s > 0.0)
        {
            return Err(AttackError::Setting(format!(
                "a time budget must be a positive number of seconds, got {s}"
            )));
        }
        Ok(())
    }
}
