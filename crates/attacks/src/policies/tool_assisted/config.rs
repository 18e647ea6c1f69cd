//! The settings of the tool-assisted policy, shared by its greedy and beam steps.

use serde::{Deserialize, Serialize};

use crate::error::{AttackError, Result};
use crate::search::SearchSettings;

/// Settings of the tool-assisted policy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ToolAssistedConfig {
    /// Criterion, objective, scope, steps, seed.
    pub search: SearchSettings,
    /// Suggestions asked for per site.
    pub suggestions_per_site: usize,
    /// Whether insertions (before the token) are proposed as well as substitutions.
    pub insertions: bool,
    /// Tokens whose candidates are scored together in one batch.
    pub positions_per_step: usize,
    /// Snippets kept per step (1: greedy hill-climbing).
    pub beam_width: usize,
    /// Most tokens visited per step, from the most salient (`None`: all of them, a full
    /// pass). A person looks at the highlighted tokens, not at every one.
    pub max_positions: Option<usize>,
}

impl Default for ToolAssistedConfig {
    /// 12 suggestions per site, insertions on, one token at a time, greedy, every
    /// token visited before giving up.
    fn default() -> Self {
        ToolAssistedConfig {
            search: SearchSettings::default(),
            suggestions_per_site: 12,
            insertions: true,
            positions_per_step: 1,
            beam_width: 1,
            max_positions: None,
        }
    }
}

impl ToolAssistedConfig {
    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        self.search.validate()?;
        if self.suggestions_per_site == 0 || self.positions_per_step == 0 || self.beam_width == 0 {
            return Err(AttackError::Setting(format!(
                "suggestions_per_site, positions_per_step and beam_width must be positive: {self:?}"
            )));
        }
        Ok(())
    }
}
