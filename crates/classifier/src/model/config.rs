//! The model's configuration: Hugging Face's `config.json` for `model_type: "deberta-v2"`
//! (DeBERTa-v2 and v3), typed.
//!
//! Every key has the default that `transformers` gives it (`DebertaV2Config` and the
//! `getattr(config, …, default)` calls of `modeling_deberta_v2.py`). Reading is strict: an
//! unknown key, or a known key with a value this crate cannot honour, is an error naming
//! the key. Generic keys that every `transformers` configuration carries (`architectures`,
//! `dtype`, `transformers_version`…) are accepted and have no effect on the model.

use serde_json::Value;

use crate::error::{ClassifierError, Result};
use crate::model::activation::Activation;

/// Which disentangled-attention terms are used besides content-to-content (`pos_att_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PositionAttention {
    /// Content-to-position: queries attend to relative-position keys.
    pub c2p: bool,
    /// Position-to-content: relative-position queries attend to keys.
    pub p2c: bool,
}

impl PositionAttention {
    /// Both terms, as DeBERTa-v2-xlarge and v3 use (`"p2c|c2p"`).
    pub const BOTH: PositionAttention = PositionAttention {
        c2p: true,
        p2c: true,
    };

    /// The factor under the square root of the attention scale: 1 + one per position term.
    pub fn scale_factor(&self) -> i64 {
        1 + i64::from(self.c2p) + i64::from(self.p2c)
    }

    pub(crate) fn to_json(self) -> Value {
        let mut list = Vec::new();
        if self.p2c {
            list.push(Value::from("p2c"));
        }
        if self.c2p {
            list.push(Value::from("c2p"));
        }
        Value::Array(list)
    }
}

/// Normalisation of the relative-position embedding table (`norm_rel_ebd`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RelativeEmbeddingNorm {
    /// Used as is (`"none"`).
    #[default]
    None,
    /// Through the encoder's `LayerNorm` once per forward (`"layer_norm"`).
    LayerNorm,
}

/// The most positions (`max_position_embeddings`) a configuration may ask for: DeBERTa's
/// releases use 512, and attention over more than 65,536 tokens would need tens of
/// gigabytes per layer.
pub const MAX_POSITIONS: i64 = 65_536;

/// A DeBERTa-v2/v3 configuration, as in `config.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct DebertaConfig {
    /// Rows of the word-embedding table.
    pub vocab_size: i64,
    /// Width of the encoder.
    pub hidden_size: i64,
    /// Number of encoder layers.
    pub num_hidden_layers: i64,
    /// Attention heads per layer.
    pub num_attention_heads: i64,
    /// Width of one head (`attention_head_size`); `None`: `hidden_size / num_attention_heads`.
    pub attention_head_size: Option<i64>,
    /// Width of the feed-forward layer.
    pub intermediate_size: i64,
    /// Activation of the feed-forward layer and of the legacy MLM transform.
    pub hidden_act: Activation,
    /// Dropout after embeddings, attention output and feed-forward output.
    pub hidden_dropout_prob: f64,
    /// Dropout on attention probabilities.
    pub attention_probs_dropout_prob: f64,
    /// Length limit of inputs; rows of the absolute position table when it exists.
    pub max_position_embeddings: i64,
    /// Rows of the token-type table; 0: no token types.
    pub type_vocab_size: i64,
    /// Standard deviation of the normal initialisation of new weights.
    pub initializer_range: f64,
    /// Epsilon of every LayerNorm.
    pub layer_norm_eps: f64,
    /// Whether disentangled relative-position attention is used.
    pub relative_attention: bool,
    /// Relative distance limit (`< 1`: `max_position_embeddings`).
    pub max_relative_positions: i64,
    /// Number of log buckets of relative positions (`<= 0`: no bucketing).
    pub position_buckets: i64,
    /// Id of the padding token.
    pub pad_token_id: i64,
    /// Whether absolute position embeddings are added to the word embeddings.
    pub position_biased_input: bool,
    /// Position terms of the disentangled attention.
    pub pos_att_type: PositionAttention,
    /// Whether positions are projected by the content `query_proj` / `key_proj`.
    pub share_att_key: bool,
    /// Normalisation of the relative embedding table.
    pub norm_rel_ebd: RelativeEmbeddingNorm,
    /// Width of the word embeddings (`None`: `hidden_size`); projected by `embed_proj`.
    pub embedding_size: Option<i64>,
    /// Kernel of the convolution beside layer 0 (0: no convolution).
    pub conv_kernel_size: i64,
    /// Groups of that convolution.
    pub conv_groups: i64,
    /// Activation of that convolution.
    pub conv_act: Activation,
    /// Width of the classification pooler (`None`: `hidden_size`).
    pub pooler_hidden_size: Option<i64>,
    /// Dropout before the pooler's dense layer.
    pub pooler_dropout: f64,
    /// Activation of the pooler.
    pub pooler_hidden_act: Activation,
    /// Dropout before the classifier (`None`: `hidden_dropout_prob`).
    pub cls_dropout: Option<f64>,
    /// Masked-LM head naming: `cls.predictions.*` (true) or `lm_predictions.lm_head.*`.
    pub legacy: bool,
    /// Class names in index order (`id2label`); two classes when absent.
    pub id2label: Vec<String>,
    /// The `architectures` entry (informative only).
    pub architectures: Vec<String>,
}

impl Default for DebertaConfig {
    /// The defaults of `transformers`' `DebertaV2Config` (those of `microsoft/deberta-v2-xlarge`
    /// without its relative-attention keys), which fill every key a file leaves out.
    fn default() -> Self {
        DebertaConfig {
            vocab_size: 128_100,
            hidden_size: 1536,
            num_hidden_layers: 24,
            num_attention_heads: 24,
            attention_head_size: None,
            intermediate_size: 6144,
            hidden_act: Activation::Gelu,
            hidden_dropout_prob: 0.1,
            attention_probs_dropout_prob: 0.1,
            max_position_embeddings: 512,
            type_vocab_size: 0,
            initializer_range: 0.02,
            layer_norm_eps: 1e-7,
            relative_attention: false,
            max_relative_positions: -1,
            position_buckets: -1,
            pad_token_id: 0,
            position_biased_input: true,
            pos_att_type: PositionAttention::default(),
            share_att_key: false,
            norm_rel_ebd: RelativeEmbeddingNorm::None,
            embedding_size: None,
            conv_kernel_size: 0,
            conv_groups: 1,
            conv_act: Activation::Tanh,
            pooler_hidden_size: None,
            pooler_dropout: 0.0,
            pooler_hidden_act: Activation::Gelu,
            cls_dropout: None,
            legacy: true,
            id2label: vec!["LABEL_0".into(), "LABEL_1".into()],
            architectures: Vec::new(),
        }
    }
}

impl DebertaConfig {
    /// The configuration of `microsoft/deberta-v3-large`, the paper's classifier.
    pub fn deberta_v3_large() -> Self {
        DebertaConfig {
            hidden_size: 1024,
            num_attention_heads: 16,
            intermediate_size: 4096,
            relative_attention: true,
            position_buckets: 256,
            norm_rel_ebd: RelativeEmbeddingNorm::LayerNorm,
            share_att_key: true,
            pos_att_type: PositionAttention::BOTH,
            position_biased_input: false,
            ..DebertaConfig::default()
        }
    }

    /// A small v3-style model to train from scratch (same options as
    /// [`DebertaConfig::deberta_v3_large`], other sizes): for the embedded default and tests.
    pub fn small_v3(
        vocab_size: i64,
        hidden_size: i64,
        num_hidden_layers: i64,
        num_attention_heads: i64,
        max_position_embeddings: i64,
    ) -> Self {
        DebertaConfig {
            vocab_size,
            hidden_size,
            num_hidden_layers,
            num_attention_heads,
            intermediate_size: 4 * hidden_size,
            max_position_embeddings,
            position_buckets: max_position_embeddings.min(256) / 2,
            ..DebertaConfig::deberta_v3_large()
        }
    }

    /// Checks that the options are consistent and supported.
    pub fn validate(&self) -> Result<()> {
        self.validate_from("configuration")
    }

    pub(crate) fn validate_from(&self, origin: &str) -> Result<()> {
        let bad = |option: &str, message: String| ClassifierError::InvalidOption {
            origin: origin.to_string(),
            option: option.to_string(),
            message,
        };
        for (name, v) in [
            ("vocab_size", self.vocab_size),
            ("hidden_size", self.hidden_size),
            ("num_hidden_layers", self.num_hidden_layers),
            ("num_attention_heads", self.num_attention_heads),
            ("intermediate_size", self.intermediate_size),
            ("max_position_embeddings", self.max_position_embeddings),
            ("conv_groups", self.conv_groups),
            ("embedding_size", self.embedding_size()),
            ("attention_head_size", self.head_size()),
        ] {
            if v < 1 {
                return Err(bad(name, format!("must be at least 1, got {v}")));
            }
        }
        if self.max_position_embeddings > MAX_POSITIONS {
            return Err(bad(
                "max_position_embeddings",
                format!(
                    "{} is more than this crate's limit of {MAX_POSITIONS} positions (attention's memory grows with the square of the length)",
                    self.max_position_embeddings
                ),
            ));
        }
        if self.attention_head_size.is_none() && self.hidden_size % self.num_attention_heads != 0 {
            return Err(bad(
                "num_attention_heads",
                format!(
                    "hidden_size {} is not a multiple of {} heads",
                    self.hidden_size, self.num_attention_heads
                ),
            ));
        }
        if self.num_attention_heads * self.head_size() != self.hidden_size {
            return Err(bad(
                "attention_head_size",
                format!(
                    "{} heads of {} do not make hidden_size {} (the attention output projection needs them to)",
                    self.num_attention_heads,
                    self.head_size(),
                    self.hidden_size
                ),
            ));
        }
        for (name, p) in [
            ("hidden_dropout_prob", self.hidden_dropout_prob),
            (
                "attention_probs_dropout_prob",
                self.attention_probs_dropout_prob,
            ),
            ("pooler_dropout", self.pooler_dropout),
            ("cls_dropout", self.cls_dropout.unwrap_or(0.0)),
        ] {
            if !(0.0..1.0).contains(&p) {
                return Err(bad(
                    name,
                    format!("a dropout probability in [0, 1), got {p}"),
                ));
            }
        }
        if !(self.layer_norm_eps > 0.0 && self.layer_norm_eps.is_finite()) {
            return Err(bad(
                "layer_norm_eps",
                format!("must be positive, got {}", self.layer_norm_eps),
            ));
        }
        if self.type_vocab_size < 0 {
            return Err(bad(
                "type_vocab_size",
                format!("must be 0 or more, got {}", self.type_vocab_size),
            ));
        }
        if self.pad_token_id < 0 || self.pad_token_id >= self.vocab_size {
            return Err(bad(
                "pad_token_id",
                format!(
                    "{} is outside the vocabulary of {}",
                    self.pad_token_id, self.vocab_size
                ),
            ));
        }
        if self.position_buckets == 1 {
            return Err(bad(
                "position_buckets",
                "1 bucket cannot hold positive and negative distances; use 0 (none) or at least 2"
                    .into(),
            ));
        }
        if self.relative_attention && self.position_buckets > 1 && self.max_relative_positions() < 2
        {
            return Err(bad(
                "max_relative_positions",
                "log buckets need a maximum distance of at least 2".into(),
            ));
        }
        if self.conv_kernel_size < 0
            || (self.conv_kernel_size > 0 && self.conv_kernel_size % 2 == 0)
        {
            return Err(bad(
                "conv_kernel_size",
                format!(
                    "must be 0 (no convolution) or odd (the sequence keeps its length), got {}",
                    self.conv_kernel_size
                ),
            ));
        }
        if self.conv_kernel_size > 0 && self.hidden_size % self.conv_groups != 0 {
            return Err(bad(
                "conv_groups",
                format!(
                    "{} does not divide hidden_size {}",
                    self.conv_groups, self.hidden_size
                ),
            ));
        }
        if let Some(p) = self.pooler_hidden_size
            && p != self.hidden_size
        {
            return Err(bad(
                "pooler_hidden_size",
                format!(
                    "{p} differs from hidden_size {} (the classifier reads the pooler's output as hidden_size wide)",
                    self.hidden_size
                ),
            ));
        }
        if !self.legacy && self.embedding_size() != self.hidden_size {
            return Err(bad(
                "legacy",
                "the non-legacy masked-LM head multiplies hidden states by the word embeddings, so it needs embedding_size == hidden_size".into(),
            ));
        }
        if self.id2label.is_empty() {
            return Err(bad("id2label", "needs at least one class".into()));
        }
        Ok(())
    }

    /// Width of the word embeddings.
    pub fn embedding_size(&self) -> i64 {
        self.embedding_size.unwrap_or(self.hidden_size)
    }

    /// Width of one attention head.
    pub fn head_size(&self) -> i64 {
        self.attention_head_size
            .unwrap_or(self.hidden_size / self.num_attention_heads.max(1))
    }

    /// The relative distance limit after defaulting (`< 1` means `max_position_embeddings`).
    pub fn max_relative_positions(&self) -> i64 {
        if self.max_relative_positions < 1 {
            self.max_position_embeddings
        } else {
            self.max_relative_positions
        }
    }

    /// The attention span: `position_buckets` when positive, else the distance limit.
    /// The relative embedding table has twice as many rows.
    pub fn attention_span(&self) -> i64 {
        if self.position_buckets > 0 {
            self.position_buckets
        } else {
            self.max_relative_positions()
        }
    }

    /// Number of classes of the classification head.
    pub fn num_labels(&self) -> i64 {
        self.id2label.len() as i64
    }
}
