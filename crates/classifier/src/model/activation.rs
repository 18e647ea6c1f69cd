//! The activation functions that DeBERTa configurations name (`hidden_act`, `conv_act`,
//! `pooler_hidden_act`), computed as `transformers`' `ACT2FN` computes them.

use tch::Tensor;

use crate::error::Result;

/// An activation function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// `gelu`: the exact form `x Φ(x)` with the error function.
    Gelu,
    /// `gelu_new`, `gelu_pytorch_tanh`, `gelu_fast`: the tanh approximation of GELU.
    GeluTanh,
    /// `relu`.
    Relu,
    /// `tanh`.
    Tanh,
    /// `silu` / `swish`: `x σ(x)`.
    Silu,
    /// `sigmoid`.
    Sigmoid,
}

impl Activation {
    /// The names accepted in configurations.
    pub const SUPPORTED: &'static [&'static str] = &[
        "gelu",
        "gelu_new",
        "gelu_pytorch_tanh",
        "gelu_fast",
        "relu",
        "tanh",
        "silu",
        "swish",
        "sigmoid",
    ];

    /// The activation a configuration names, if supported.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "gelu" => Activation::Gelu,
            "gelu_new" | "gelu_pytorch_tanh" | "gelu_fast" => Activation::GeluTanh,
            "relu" => Activation::Relu,
            "tanh" => Activation::Tanh,
            "silu" | "swish" => Activation::Silu,
            "sigmoid" => Activation::Sigmoid,
            _ => return None,
        })
    }

    /// The name written to `config.json`.
    pub fn name(&self) -> &'static str {
        match self {
            Activation::Gelu => "gelu",
            Activation::GeluTanh => "gelu_new",
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Silu => "silu",
            Activation::Sigmoid => "sigmoid",
        }
    }

    /// Applies the activation.
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        Ok(match self {
            Activation::Gelu => x.f_gelu("none")?,
            Activation::GeluTanh => x.f_gelu("tanh")?,
            Activation::Relu => x.f_relu()?,
            Activation::Tanh => x.f_tanh()?,
            Activation::Silu => x.f_silu()?,
            Activation::Sigmoid => x.f_sigmoid()?,
        })
    }
}
