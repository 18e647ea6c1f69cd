//! The experiment's name, the classifier that filters every generator, and the
//! experiment's sizes at each scale.

use serde::{Deserialize, Serialize};

use pipeline::Scale;

/// The experiment's name (files, stages).
pub const NAME: &str = "competent";

/// The classifier of every filtered generator: the main run's final adversarially
/// trained classifier (Table 2's +tool-assisted), at its quality-chosen threshold.
pub const FILTER_MODEL: &str = "plus_tool_assisted";

/// The experiment's sizes at one scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetentSizes {
    /// Prompts of the fine-tuning data.
    pub train_prompts: usize,
    /// Completions sampled per fine-tuning prompt.
    pub train_completions: usize,
    /// Epochs of each fine-tune.
    pub fine_tune_epochs: usize,
    /// Held-out prompts of the evaluation.
    pub eval_prompts: usize,
    /// Completions sampled per evaluation prompt and generator.
    pub eval_completions: usize,
    /// Prompts the adversary picks.
    pub worst_prompts: usize,
    /// Fresh completions sampled on each picked prompt.
    pub worst_completions: usize,
}

impl CompetentSizes {
    /// The sizes at `scale`.
    pub fn of(scale: Scale) -> Self {
        let (train_prompts, eval_prompts, worst_prompts) = match scale {
            Scale::Tiny => (48, 24, 3),
            Scale::Small => (1500, 300, 10),
            Scale::Medium => (3000, 600, 20),
            Scale::Large => (10_000, 2000, 40),
        };
        let tiny = scale == Scale::Tiny;
        CompetentSizes {
            train_prompts,
            train_completions: if tiny { 2 } else { 4 },
            fine_tune_epochs: if tiny { 1 } else { 2 },
            eval_prompts,
            eval_completions: if tiny { 4 } else { 8 },
            worst_prompts,
            worst_completions: if tiny { 8 } else { 40 },
        }
    }
}
