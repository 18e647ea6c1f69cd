//! Failure rates of the filtered generator far below `1 / n`: the paper's test set could
//! not tell 2 failures from 3 in 100,033 (§5.4). Two estimators, over the statistics of
//! the `metrics` crate:
//!
//! - **importance sampling** ([`estimate_failure_rate`]): completions drawn from an
//!   injury-seeking proposal ([`InjuryTilt`]: the generator with a logit bias on injury
//!   words, mixed with the generator itself), each weighted by `p / q` computed exactly
//!   from the generator's token probabilities under both;
//! - **adaptive multi-level splitting** ([`TextSplitting`], a
//!   [`metrics::SplittingProblem`]): particles climb levels of a graded failure score
//!   ([`FailureCheck::splitting_score`]) by Metropolis–Hastings edits of single tokens
//!   that leave the generator's distribution invariant.
//!
//! **What is estimated.** The generator's sampler ([`SequenceModel`]: the model with the
//! filtered generator's [`crate::GenerationConfig`]) defines a distribution over
//! generated sequences; with prompts drawn uniformly from a list, a *failure* is a
//! completion that is injurious (by the labeler: the injury oracle) **and** scores under
//! the filter's threshold. Both estimators target `P(failure)` per candidate; dividing by
//! the acceptance rate `P(score < threshold)` gives the filtered generator's failure rate,
//! the chance that a completion it outputs is injurious ([`FailureRateEstimate`]).
//!
//! ```
//! use generator::rare::{InjuryTilt, SequenceModel, draw_sequences};
//! use generator::{GenerationConfig, Generator, GptNeo, GptNeoConfig, TextTokenizer};
//! use rand::SeedableRng;
//!
//! // A tiny random model over a tiny byte-level tokenizer.
//! let texts = ["He fell and broke his arm.", "She smiled at the sea."];
//! let tokenizer = TextTokenizer::train_byte_level_bpe(&texts, 300)?;
//! let config = generator::small_config(tokenizer.vocab_size(), 64);
//! let generator = Generator::new(GptNeo::new(&config, tch::Device::Cpu, 1)?, tokenizer)?;
//! let model = SequenceModel::new(&generator, &GenerationConfig { max_new_tokens: 6, ..GenerationConfig::default() })?;
//! let prompt = model.prompt_ids("He fell.")?;
//! let tilt = InjuryTilt::from_words(generator.tokenizer(), &["broke"], 3.0, 0.5)?;
//! let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0);
//! for draw in draw_sequences(&model, &prompt, 8, Some(&tilt), &mut rng)? {
//!     // ln p is the generator's own, recomputed by teacher forcing; w = p/q ≤ 1/(1 − λ)
//!     let teacher_forced = model.log_prob(&prompt, &draw.tokens)?;
//!     assert!((draw.log_p - teacher_forced).abs() < 1e-3);
//!     assert!(draw.log_weight() <= tilt.log_weight_bound() + 1e-9);
//! }
//! # Ok::<(), generator::rare::RareEventError>(())
//! ```

mod error;
mod importance;
mod judge;
mod sampler;
mod sequence;
mod splitting;

pub use error::{RareEventError, RareResult};
pub use importance::{
    FailureRateEstimate, FailureSamplingConfig, estimate_failure_rate, filtered_failure_rate,
};
pub use judge::{FAILURE_LEVEL, FailureCheck, FailureJudge, LabelScope};
pub use sampler::{InjuryTilt, WeightedDraw, draw_sequences};
pub use sequence::SequenceModel;
pub use splitting::{MoveStats, TextParticle, TextSplitting};
