//! DeBERTa-v2/v3 on libtorch (`tch`): the injuriousness classifier of *Adversarial
//! training for high-stakes reliability* (Ziegler et al., 2022), exact to Hugging Face
//! `transformers`, trainable here, with batched scoring, saliency and masked-LM
//! suggestions for the attack tools.
//!
//! - **Model**: [`DebertaConfig`] (every option of `modeling_deberta_v2.py`; unknown keys
//!   and unsupported values are errors naming the key), [`DebertaModel`] (embeddings,
//!   disentangled attention with log-bucketed relative positions, the v2-xlarge
//!   convolution), the heads [`DebertaForSequenceClassification`] and
//!   [`DebertaForMaskedLm`]. Struct fields carry the checkpoint's sub-module names.
//! - **Checkpoints**: a Hugging Face directory (`config.json`, `model.safetensors` or a
//!   sharded index, `tokenizer.json`), read by real parameter names ([`Checkpoint`]) and
//!   written in the same layout, so that what is trained here loads in `transformers`.
//!   Hub releases with `pytorch_model.bin` and `spm.model` (Microsoft's DeBERTa, Redwood's
//!   injuriousness classifiers): `spm.model` is converted here
//!   ([`TextTokenizer::from_sentencepiece_dir`]); the pickled weights need one command,
//!   `$HIGHSTAKES_VENV/bin/python python/convert_deberta_checkpoint.py DIR`.
//! - **Inputs**: a [`ModelInput`] is a snippet, encoded as `[CLS] prompt [SEP] completion
//!   [SEP]`, or a text, `[CLS] text [SEP]` — the same in training, scoring and attacks;
//!   too long an input loses the start of its prompt, never its completion.
//! - **Use**: [`InjuriousnessClassifier`] scores in length-bucketed batches under no-grad
//!   ([`InjuriousnessClassifier::score_batch`]) and computes saliency, the gradient norm
//!   of the log-odds of P(injurious) with respect to each token's embedding, per token and
//!   per word ([`InjuriousnessClassifier::saliency_batch`]); scores many single-token
//!   substitutions of one input without padding
//!   ([`InjuriousnessClassifier::score_substitutions`]); [`MaskedLmSuggester`] proposes
//!   replacements and insertions in one batched forward.
//! - **Training**: [`fine_tune`] (AdamW, warm-up and decay, clipping, up-sampling, unsure
//!   as injurious, best epoch kept) and [`pretrain_masked_lm`] then
//!   [`DebertaForSequenceClassification::from_masked_lm`], seeded and reproducible; new
//!   tokenizers with [`TextTokenizer::train`].
//! - **Device**: a parameter of every constructor (`tch::Device`); [`default_device`] is the
//!   GPU when libtorch sees one, else the CPU.
//!
//! The source is in folders by layer, each using only those above it in this list:
//!
//! - `model/`: the model, one module per `transformers` class (configuration, layers,
//!   embeddings, relative positions, attention, encoder, backbone, heads);
//! - `io/`: `config.json`, checkpoints, tokenizers (`tokenizer.json`, `spm.model`) and
//!   model directories;
//! - `tools/`: what the pipeline and the attacks call (the injuriousness classifier,
//!   the input encoding, scoring, saliency, substitutions, masked-LM suggestions);
//! - `train/`: fine-tuning and masked-LM pre-training on the AdamW recipe.
//!
//! ```
//! use classifier::{
//!     BatchOptions, DebertaConfig, DebertaForSequenceClassification, InjuriousnessClassifier,
//!     ModelInput, TextTokenizer, TokenizerKind,
//! };
//! use tch::Device;
//!
//! let corpus: Vec<String> = ["The knight drew his sword.", "She smiled at the baker."]
//!     .iter().map(|s| s.to_string()).collect();
//! let tokenizer = TextTokenizer::train(&corpus, 60, TokenizerKind::Unigram)?;
//! // a tiny v3-style model (log-bucketed relative attention, shared keys, c2p|p2c)
//! let mut config = DebertaConfig::small_v3(tokenizer.vocab_size() as i64, 32, 2, 4, 64);
//! config.id2label = vec!["non-injurious".into(), "injurious".into()];
//! let model = DebertaForSequenceClassification::new(config, 0, Device::Cpu)?;
//! let classifier = InjuriousnessClassifier::new(model, tokenizer)?;
//! let inputs = [
//!     ModelInput::snippet("The knight drew his sword.", "She smiled at the baker."),
//!     ModelInput::text("The knight smiled."),
//! ];
//! let scores = classifier.score_batch(&inputs, &BatchOptions::default())?;
//! assert_eq!(scores.len(), 2);
//! assert!(scores.iter().all(|s| (0.0..=1.0).contains(&s.p_injurious)));
//! # Ok::<(), classifier::ClassifierError>(())
//! ```
#![deny(missing_docs)]

mod device;
mod error;
mod io;
mod model;
mod tools;
mod train;

pub use device::{CudaLibrary, LOAD_CUDA_ENV, default_device, load_cuda_library, parse_device};
pub use error::{ClassifierError, Result};
pub use io::checkpoint::{Checkpoint, PYTORCH_BIN_FILE, SAFETENSORS_FILE, SAFETENSORS_INDEX_FILE};
pub use io::model_dir::CONFIG_FILE;
pub use io::sentencepiece::{PieceType, SPM_FILE, SentencePieceModel, convert_sentencepiece_dir};
pub use io::tokenizer::{SPECIAL_TOKENS, SpecialIds, TOKENIZER_FILE, TextTokenizer, TokenizerKind};
pub use model::activation::Activation;
pub use model::attention::{
    Attention, AttentionContext, DisentangledSelfAttention, RelativeTables, SelfOutput,
};
pub use model::config::{DebertaConfig, MAX_POSITIONS, PositionAttention, RelativeEmbeddingNorm};
pub use model::deberta::{Batch, DebertaModel};
pub use model::embeddings::Embeddings;
pub use model::encoder::{ConvLayer, Encoder, Layer};
pub use model::heads::{ClassificationHead, MlmHead, MlmHeadLayout};
pub use model::layers::{DECAY, Embedding, LayerNorm, Linear, NO_DECAY};
pub use model::masked_lm::{DebertaForMaskedLm, MASKED_LM_ARCHITECTURE};
pub use model::relative_position::{distance_rows, relative_positions};
pub use model::sequence_classification::{
    DebertaForSequenceClassification, SEQUENCE_CLASSIFICATION_ARCHITECTURE,
};
pub use tools::arrays::{logits_array, p_injurious_array};
pub use tools::encoding::{EncodedInput, ModelInput, Segment, Token};
pub use tools::injuriousness::{INJURIOUSNESS_LABELS, InjuriousOutput, InjuriousnessClassifier};
pub use tools::saliency::{Saliency, TokenSaliency, WordSaliency};
pub use tools::scoring::{BatchOptions, Score, length_buckets};
pub use tools::substitution::Substitution;
pub use tools::suggestions::{
    EditSite, MaskedLmSuggester, SiteSuggestions, Suggestion, insertion_sites, replacement_sites,
};
pub use train::fine_tune::{EpochReport, FineTuneConfig, FineTuneReport, FineTuner, fine_tune};
pub use train::optimization::OptimizerSettings;
pub use train::pretrain::{MaskedLmTrainer, PretrainConfig, PretrainReport, pretrain_masked_lm};
