//! The architecture of a GPT-Neo model, typed (read from and written to `config.json` by
//! `config_json.rs`).

use std::path::{Path, PathBuf};

use crate::error::{GeneratorError, Result};

/// Which keys a layer's attention may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttentionType {
    /// Causal attention over every earlier position.
    Global,
    /// Causal attention over the last `window_size` positions only: query `i` sees keys
    /// `j` with `i - window_size < j <= i`.
    Local,
}

impl AttentionType {
    /// The name used in `config.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            AttentionType::Global => "global",
            AttentionType::Local => "local",
        }
    }
}

/// The MLP's activation (`activation_function`), as Hugging Face's `ACT2FN` defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Activation {
    /// `gelu_new`: GPT-2's tanh approximation of GELU (GPT-Neo's default).
    GeluNew,
    /// `gelu_pytorch_tanh`: the same tanh approximation, as PyTorch computes it.
    GeluPytorchTanh,
    /// `gelu`: the exact GELU, `x * Φ(x)` with the error function.
    Gelu,
    /// `relu`.
    Relu,
    /// `silu` (also spelled `swish`): `x * sigmoid(x)`.
    Silu,
}

impl Activation {
    /// The name used in `config.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Activation::GeluNew => "gelu_new",
            Activation::GeluPytorchTanh => "gelu_pytorch_tanh",
            Activation::Gelu => "gelu",
            Activation::Relu => "relu",
            Activation::Silu => "silu",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "gelu_new" => Activation::GeluNew,
            "gelu_pytorch_tanh" => Activation::GeluPytorchTanh,
            "gelu" => Activation::Gelu,
            "relu" => Activation::Relu,
            "silu" | "swish" => Activation::Silu,
            _ => return None,
        })
    }

    /// Applies the activation element-wise.
    pub fn apply(self, x: &tch::Tensor) -> Result<tch::Tensor> {
        Ok(match self {
            Activation::GeluNew | Activation::GeluPytorchTanh => x.f_gelu("tanh")?,
            Activation::Gelu => x.f_gelu("none")?,
            Activation::Relu => x.f_relu()?,
            Activation::Silu => x.f_silu()?,
        })
    }
}

/// The architecture of a GPT-Neo model: the options of Hugging Face's `GPTNeoConfig` that
/// change what the model computes. Build one in code, or read it with
/// [`GptNeoConfig::from_file`]; [`GptNeoConfig::validate`] checks it either way.
#[derive(Debug, Clone, PartialEq)]
pub struct GptNeoConfig {
    /// Rows of the token embedding (and of the LM head).
    pub vocab_size: usize,
    /// Rows of the learned position embedding: the longest sequence the model can read.
    pub max_position_embeddings: usize,
    /// Width of the residual stream.
    pub hidden_size: usize,
    /// Number of transformer blocks.
    pub num_layers: usize,
    /// Attention heads per block (`hidden_size` must be a multiple).
    pub num_heads: usize,
    /// Width of the MLP; `None` means `4 * hidden_size`.
    pub intermediate_size: Option<usize>,
    /// Attention type of each block, as `[[types, repeat], ...]`: each group's list of
    /// types is repeated `repeat` times (see [`GptNeoConfig::attention_layers`]).
    pub attention_types: Vec<(Vec<AttentionType>, usize)>,
    /// Span of the local attention layers.
    pub window_size: usize,
    /// The MLP's activation.
    pub activation_function: Activation,
    /// Dropout after attention and MLP (training only).
    pub resid_dropout: f64,
    /// Dropout after the embeddings (training only).
    pub embed_dropout: f64,
    /// Dropout on attention probabilities (training only).
    pub attention_dropout: f64,
    /// LayerNorm epsilon.
    pub layer_norm_epsilon: f64,
    /// Standard deviation of the normal initialisation of a model made from scratch.
    pub initializer_range: f64,
    /// Beginning-of-text token.
    pub bos_token_id: Option<i64>,
    /// End-of-text token(s): generation stops at any of them.
    pub eos_token_id: Vec<i64>,
    /// Padding token, if the checkpoint names one (generation pads with it, or with the
    /// first end-of-text token; padded positions are masked either way).
    pub pad_token_id: Option<i64>,
    /// Whether the LM head shares the token embedding's weights (true for every released
    /// GPT-Neo).
    pub tie_word_embeddings: bool,
}

impl Default for GptNeoConfig {
    /// Hugging Face's `GPTNeoConfig()` defaults (the 1.3B architecture).
    fn default() -> Self {
        GptNeoConfig {
            vocab_size: 50257,
            max_position_embeddings: 2048,
            hidden_size: 2048,
            num_layers: 24,
            num_heads: 16,
            intermediate_size: None,
            attention_types: vec![(vec![AttentionType::Global, AttentionType::Local], 12)],
            window_size: 256,
            activation_function: Activation::GeluNew,
            resid_dropout: 0.0,
            embed_dropout: 0.0,
            attention_dropout: 0.0,
            layer_norm_epsilon: 1e-5,
            initializer_range: 0.02,
            bos_token_id: Some(50256),
            eos_token_id: vec![50256],
            pad_token_id: None,
            tie_word_embeddings: true,
        }
    }
}

impl GptNeoConfig {
    /// The attention type of each block, in order: `attention_types` expanded.
    pub fn attention_layers(&self) -> Vec<AttentionType> {
        self.attention_types
            .iter()
            .flat_map(|(types, repeat)| {
                std::iter::repeat_n(types.iter().copied(), *repeat).flatten()
            })
            .collect()
    }

    /// Width of the MLP.
    pub fn inner_dim(&self) -> usize {
        self.intermediate_size.unwrap_or(4 * self.hidden_size)
    }

    /// Width of one attention head.
    pub fn head_dim(&self) -> usize {
        self.hidden_size / self.num_heads.max(1)
    }

    /// The token that pads batches: `pad_token_id`, else the first end-of-text token, else 0.
    pub fn padding_token(&self) -> i64 {
        self.pad_token_id
            .or_else(|| self.eos_token_id.first().copied())
            .unwrap_or(0)
    }

    /// Checks that the options describe a model that can be built.
    pub fn validate(&self) -> Result<()> {
        self.validate_at(Path::new("<memory>"))
    }

    pub(crate) fn validate_at(&self, path: &Path) -> Result<()> {
        let error = |option: &str, message: String| GeneratorError::Config {
            path: PathBuf::from(path),
            option: option.to_string(),
            message,
        };
        for (option, value) in [
            ("vocab_size", self.vocab_size),
            ("max_position_embeddings", self.max_position_embeddings),
            ("hidden_size", self.hidden_size),
            ("num_layers", self.num_layers),
            ("num_heads", self.num_heads),
            ("window_size", self.window_size),
        ] {
            if value == 0 {
                return Err(error(option, "must be at least 1".into()));
            }
        }
        if self.intermediate_size == Some(0) {
            return Err(error("intermediate_size", "must be at least 1".into()));
        }
        if !self.hidden_size.is_multiple_of(self.num_heads) {
            return Err(error(
                "num_heads",
                format!(
                    "{} does not divide hidden_size {}",
                    self.num_heads, self.hidden_size
                ),
            ));
        }
        let layers = self.attention_layers().len();
        if layers != self.num_layers {
            return Err(error(
                "attention_types",
                format!(
                    "expands to {layers} layers but num_layers is {}",
                    self.num_layers
                ),
            ));
        }
        for (option, p) in [
            ("resid_dropout", self.resid_dropout),
            ("embed_dropout", self.embed_dropout),
            ("attention_dropout", self.attention_dropout),
        ] {
            if !(0.0..1.0).contains(&p) {
                return Err(error(option, format!("{p} is not a probability in [0, 1)")));
            }
        }
        if !(self.layer_norm_epsilon > 0.0 && self.layer_norm_epsilon.is_finite()) {
            return Err(error(
                "layer_norm_epsilon",
                format!("{} must be positive", self.layer_norm_epsilon),
            ));
        }
        if !(self.initializer_range > 0.0 && self.initializer_range.is_finite()) {
            return Err(error(
                "initializer_range",
                format!("{} must be positive", self.initializer_range),
            ));
        }
        let vocab = self.vocab_size as i64;
        let in_vocab = |id: i64| (0..vocab).contains(&id);
        if let Some(id) = self.bos_token_id.filter(|&id| !in_vocab(id)) {
            return Err(error(
                "bos_token_id",
                format!("{id} is outside the vocabulary of {vocab}"),
            ));
        }
        if let Some(&id) = self.eos_token_id.iter().find(|&&id| !in_vocab(id)) {
            return Err(error(
                "eos_token_id",
                format!("{id} is outside the vocabulary of {vocab}"),
            ));
        }
        if let Some(id) = self.pad_token_id.filter(|&id| !in_vocab(id)) {
            return Err(error(
                "pad_token_id",
                format!("{id} is outside the vocabulary of {vocab}"),
            ));
        }
        Ok(())
    }
}
