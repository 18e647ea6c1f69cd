//! How big a run is: every size the pipeline uses, from one preset.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A preset of sizes. `tiny` is a smoke test of every stage (about a minute on 2 cores;
/// its generator writes word salad, and the claims that do hold at that size, with a
/// generator of 64 × 2 blocks trained longer, are asserted in `tests/tiny_claims.rs`);
/// `small`, the default, is the laptop-scale reproduction (under 30 minutes on 2 cores);
/// `medium` and `large` move toward the paper's sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// Every stage on a handful of examples.
    Tiny,
    /// The default laptop-scale run.
    Small,
    /// About 4× the default.
    Medium,
    /// About 16× the default.
    Large,
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scale::Tiny => "tiny",
            Scale::Small => "small",
            Scale::Medium => "medium",
            Scale::Large => "large",
        })
    }
}

impl FromStr for Scale {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "tiny" => Ok(Scale::Tiny),
            "small" => Ok(Scale::Small),
            "medium" => Ok(Scale::Medium),
            "large" => Ok(Scale::Large),
            other => Err(format!(
                "unknown scale {other:?}: expected tiny, small, medium or large"
            )),
        }
    }
}

/// Every size of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sizes {
    /// Stories the tokenizers, the generator and the masked LM are trained on.
    pub corpus_stories: usize,
    /// Generator training epochs.
    pub generator_epochs: usize,
    /// Generator width (heads of 32 dimensions each).
    #[serde(default = "default_generator_hidden")]
    pub generator_hidden: usize,
    /// Generator blocks (global and local attention alternating: an even number).
    #[serde(default = "default_generator_layers")]
    pub generator_layers: usize,
    /// Generator training blocks per optimisation step.
    #[serde(default = "default_generator_batch")]
    pub generator_batch: usize,
    /// Generator peak learning rate.
    #[serde(default = "default_generator_learning_rate")]
    pub generator_learning_rate: f64,
    /// Masked-LM pre-training epochs.
    pub masked_lm_epochs: usize,
    /// DeBERTa width.
    pub deberta_hidden: i64,
    /// DeBERTa layers.
    pub deberta_layers: i64,
    /// Classifier tokenizer vocabulary.
    pub classifier_vocab: usize,
    /// Generator tokenizer vocabulary.
    pub generator_vocab: usize,
    /// Prompts of the initial dataset (one generator completion each).
    pub initial_snippets: usize,
    /// Classifier fine-tuning epochs.
    pub fine_tune_epochs: usize,
    /// Seeds of the manual round.
    pub manual_seeds: usize,
    /// Adversarial examples paraphrased in the paraphrase round.
    pub paraphrase_seeds: usize,
    /// Seeds of the tool-assisted round.
    pub tool_seeds: usize,
    /// Snippets of the in-distribution test set.
    pub test_snippets: usize,
    /// Prompts of the quality study.
    pub quality_prompts: usize,
    /// Unfiltered completions per quality prompt (every pair is judged).
    pub quality_completions: usize,
    /// Fresh prompts of Table 2's direct quality measurement (none of them in the
    /// quality study that chooses the threshold).
    #[serde(default = "default_fresh_quality_prompts")]
    pub fresh_quality_prompts: usize,
    /// Attempts of the filtered generator per fresh prompt (completions drawn for it, in
    /// order, besides the one unfiltered completion it is compared with).
    #[serde(default = "default_fresh_quality_attempts")]
    pub fresh_quality_attempts: usize,
    /// Seeds of each fresh tool-assisted attack (Figures 2 and 3).
    pub evaluation_seeds: usize,
    /// Seeds of the tools-versus-unaided comparison (§5.2), per classifier.
    pub speedup_seeds: usize,
    /// Model evaluations an automatic attacker may spend on one seed.
    pub attack_evaluations: u64,
}

/// Run directories made before the generator's shape was a size: the small preset's
/// (`generator::small_config` and `TrainingConfig::default()`).
fn default_generator_hidden() -> usize {
    128
}

fn default_generator_layers() -> usize {
    4
}

fn default_generator_batch() -> usize {
    16
}

fn default_generator_learning_rate() -> f64 {
    1e-3
}

/// Run directories made before the fresh quality measurement: the small preset's.
fn default_fresh_quality_prompts() -> usize {
    300
}

fn default_fresh_quality_attempts() -> usize {
    20
}

impl Scale {
    /// The sizes of this preset.
    pub fn sizes(self) -> Sizes {
        match self {
            Scale::Tiny => Sizes {
                corpus_stories: 400,
                generator_epochs: 1,
                generator_hidden: 128,
                generator_layers: 4,
                generator_batch: 16,
                generator_learning_rate: 1e-3,
                masked_lm_epochs: 1,
                deberta_hidden: 32,
                deberta_layers: 2,
                classifier_vocab: 800,
                generator_vocab: 1_000,
                initial_snippets: 800,
                fine_tune_epochs: 3,
                manual_seeds: 6,
                paraphrase_seeds: 4,
                tool_seeds: 6,
                test_snippets: 1_000,
                quality_prompts: 16,
                quality_completions: 4,
                fresh_quality_prompts: 32,
                fresh_quality_attempts: 12,
                evaluation_seeds: 4,
                speedup_seeds: 4,
                attack_evaluations: 300,
            },
            Scale::Small => Sizes {
                corpus_stories: 20_000,
                generator_epochs: 3,
                generator_hidden: 128,
                generator_layers: 4,
                generator_batch: 16,
                generator_learning_rate: 1e-3,
                masked_lm_epochs: 2,
                deberta_hidden: 64,
                deberta_layers: 3,
                classifier_vocab: 2_000,
                generator_vocab: 4_000,
                initial_snippets: 12_000,
                fine_tune_epochs: 1,
                manual_seeds: 60,
                paraphrase_seeds: 30,
                tool_seeds: 40,
                test_snippets: 24_000,
                quality_prompts: 200,
                quality_completions: 8,
                fresh_quality_prompts: 600,
                fresh_quality_attempts: 20,
                evaluation_seeds: 24,
                speedup_seeds: 16,
                attack_evaluations: 1_000,
            },
            Scale::Medium => Sizes {
                corpus_stories: 40_000,
                generator_epochs: 4,
                generator_hidden: 128,
                generator_layers: 4,
                generator_batch: 16,
                generator_learning_rate: 1e-3,
                masked_lm_epochs: 3,
                deberta_hidden: 128,
                deberta_layers: 4,
                classifier_vocab: 4_000,
                generator_vocab: 4_000,
                initial_snippets: 40_000,
                fine_tune_epochs: 3,
                manual_seeds: 240,
                paraphrase_seeds: 120,
                tool_seeds: 240,
                test_snippets: 60_000,
                quality_prompts: 600,
                quality_completions: 10,
                fresh_quality_prompts: 1_000,
                fresh_quality_attempts: 30,
                evaluation_seeds: 120,
                speedup_seeds: 80,
                attack_evaluations: 3_000,
            },
            Scale::Large => Sizes {
                corpus_stories: 80_000,
                generator_epochs: 6,
                generator_hidden: 128,
                generator_layers: 4,
                generator_batch: 16,
                generator_learning_rate: 1e-3,
                masked_lm_epochs: 3,
                deberta_hidden: 256,
                deberta_layers: 6,
                classifier_vocab: 8_000,
                generator_vocab: 6_000,
                initial_snippets: 120_000,
                fine_tune_epochs: 3,
                manual_seeds: 1_000,
                paraphrase_seeds: 500,
                tool_seeds: 1_000,
                test_snippets: 100_000,
                quality_prompts: 2_000,
                quality_completions: 10,
                fresh_quality_prompts: 2_000,
                fresh_quality_attempts: 50,
                evaluation_seeds: 300,
                speedup_seeds: 200,
                attack_evaluations: 5_000,
            },
        }
    }
}
