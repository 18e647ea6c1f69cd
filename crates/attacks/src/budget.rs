//! How much an attack may spend: classifier queries and wall-clock time.

use serde::{Deserialize, Serialize};

use crate::error::{AttackError, Result};

/// Limits on one attack run. `None` means no limit of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Budget {
    /// Most snippets the target may be asked about (scores, saliency maps and gradient
    /// calls each count one per snippet; cached answers are free).
    pub max_queries: Option<u64>,
    /// Most seconds of wall-clock time.
    pub max_seconds: Option<f64>,
}

impl Default for Budget {
    /// 2,000 queries, no time limit.
    fn default() -> Self {
        Budget {
            max_queries: Some(2_000),
            max_seconds: None,
        }
    }
}

impl Budget {
    /// At most `n` queries, no time limit.
    pub fn queries(n: u64) -> Self {
        Budget {
            max_queries: Some(n),
            max_seconds: None,
        }
    }

    /// At most `seconds` of wall time, no query limit.
    pub fn seconds(seconds: f64) -> Self {
        Budget {
            max_queries: None,
            max_seconds: Some(seconds),
        }
    }

    /// No limit at all: the attack ends when its search does.
    pub fn unlimited() -> Self {
        Budget {
            max_queries: None,
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
