//! GPT-Neo on libtorch, exact to Hugging Face: the text generator of the pipeline.
//!
//! The paper's generator was GPT-Neo-2.7B fine-tuned on stories: it continues a
//! three-sentence prompt with one sentence. This crate has
//!
//! - the model, [`GptNeo`]: learned positions, alternating global and local (windowed)
//!   attention, no attention scaling, fp32 attention math, a tied LM head, padding masks,
//!   a [`KvCache`]; it reads and writes Hugging Face directories by real parameter names
//!   and matches `transformers` to 1e-4 on the committed fixtures;
//! - generation: [`generate_tokens`] for batches of prompts of different lengths (left
//!   padding), greedy or sampled ([`SamplingConfig`]: temperature, top-k, top-p, seeded),
//!   stopping at the end of the first sentence ([`sentence_end`]) or at a token budget;
//!   [`Generator`] does it from text to text with a [`TextTokenizer`];
//! - training ([`train_causal_lm`], [`train_from_scratch`]): AdamW, warm-up, clipping,
//!   validation perplexity, best checkpoint;
//! - the filtered generator, [`FilteredGenerator`]: rejection sampling against any
//!   [`Filter`] (the classifier), batch by batch, that says so when nothing passes;
//! - failure rates of the filtered generator far below `1 / n` ([`rare`]): the generator
//!   as an exact distribution over generated sequences, importance sampling from an
//!   injury-seeking proposal, and adaptive multi-level splitting with
//!   Metropolis–Hastings token edits.
//!
//! The source is in layers, each folder using only those above it in this list:
//!
//! - `model/`: the model, one module per `transformers` class (configuration, layers,
//!   attention with its cache, blocks, the causal LM);
//! - `io/`: `config.json`, safetensors checkpoints and `tokenizer.json`;
//! - `generation/`: sampling, batched generation, sentence ends, the text-to-text
//!   [`Generator`] and the [`FilteredGenerator`];
//! - `train/`: causal-LM training;
//! - `rare/`: rare-event estimation on top of the filtered generator.
//!
//! ```
//! use generator::{Decoding, GenerationConfig, GptNeo, GptNeoConfig, StopAt, generate_tokens};
//! use rand::SeedableRng;
//!
//! // A tiny model made from scratch (random weights), and two prompts of different lengths.
//! let config = GptNeoConfig {
//!     vocab_size: 50, max_position_embeddings: 32, hidden_size: 16, num_layers: 2,
//!     num_heads: 2, window_size: 4, bos_token_id: Some(0), eos_token_id: vec![0],
//!     attention_types: vec![(vec![generator::AttentionType::Global, generator::AttentionType::Local], 1)],
//!     ..GptNeoConfig::default()
//! };
//! let model = GptNeo::new(&config, tch::Device::Cpu, 7)?;
//! let settings = GenerationConfig {
//!     max_new_tokens: 5, decoding: Decoding::Greedy, stop: StopAt::Budget, use_cache: true,
//! };
//! let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0);
//! let out = generate_tokens(&model, &[vec![3, 4, 5], vec![6]], &settings, &mut rng, None)?;
//! assert_eq!(out.len(), 2);
//! assert!(out.iter().all(|o| o.tokens.len() <= 5));
//! # Ok::<(), generator::GeneratorError>(())
//! ```
#![deny(missing_docs)]

mod error;
mod generation;
mod io;
mod model;
pub mod rare;
mod train;

pub use error::{FilterError, GeneratorError, Result};
pub use generation::completion::{Completion, Generator};
pub use generation::filtered::{
    Filter, FilterConfig, FilterStats, FilteredCompletion, FilteredGenerator, FilteredOutcome,
};
pub use generation::generate::{
    GeneratedTokens, GenerationConfig, SentenceCheck, StopAt, StopReason, generate_tokens,
};
pub use generation::sampling::{Decoding, SamplingConfig, warped_probabilities};
pub use generation::sentence::sentence_end;
pub use io::tokenizer::{END_OF_TEXT, TextTokenizer};
pub use model::attention::KvCache;
pub use model::config::{Activation, AttentionType, GptNeoConfig};
pub use model::gpt_neo::{GptNeo, positions_from_mask};
pub use train::causal_lm::{
    CausalLmTrainer, EpochReport, TrainingConfig, TrainingReport, small_config, train_causal_lm,
    train_from_scratch, unigram_perplexity,
};
