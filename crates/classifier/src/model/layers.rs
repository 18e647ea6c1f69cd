//! The building blocks the model is made of — linear maps, layer norms, embedding tables,
//! dropout — with the parameter names of PyTorch's `nn.Linear`, `nn.LayerNorm` and
//! `nn.Embedding` (`weight`, `bias`), created in a [`VarStore`](tch::nn::VarStore).
//!
//! Variables are created with neutral values (zeros, LayerNorm weights one); a fresh model
//! then gets its random values from [`crate::model::init::initialize`] and a loaded one from its
//! checkpoint. Weights go in the optimizer group [`DECAY`], biases and LayerNorm weights in
//! [`NO_DECAY`], so that AdamW's weight decay spares them as in the usual BERT recipe.

use tch::{Tensor, nn::Path};

use crate::error::Result;

pub use model_kit::{DECAY, NO_DECAY};

/// `nn.Linear`: `x W^T + b`.
#[derive(Debug)]
pub struct Linear {
    /// `[out, in]`.
    pub weight: Tensor,
    /// `[out]`, when the layer has one.
    pub bias: Option<Tensor>,
}

impl Linear {
    /// A linear map `in_dim → out_dim` at `p` (`p.weight`, and `p.bias` when `bias`).
    pub fn new(p: &Path, in_dim: i64, out_dim: i64, bias: bool) -> Result<Self> {
        let weight = p.set_group(DECAY).f_zeros("weight", &[out_dim, in_dim])?;
        let bias = if bias {
            Some(p.set_group(NO_DECAY).f_zeros("bias", &[out_dim])?)
        } else {
            None
        };
        Ok(Linear { weight, bias })
    }

    /// Applies the map to the last dimension.
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        Ok(x.f_linear(&self.weight, self.bias.as_ref())?)
    }
}

/// `nn.LayerNorm` over the last dimension, with the configuration's epsilon.
#[derive(Debug)]
pub struct LayerNorm {
    /// `[dim]`, initially ones.
    pub weight: Tensor,
    /// `[dim]`, initially zeros.
    pub bias: Tensor,
    dim: i64,
    eps: f64,
}

impl LayerNorm {
    /// A LayerNorm over `dim` features at `p`.
    pub fn new(p: &Path, dim: i64, eps: f64) -> Result<Self> {
        let p = p.set_group(NO_DECAY);
        Ok(LayerNorm {
            weight: p.f_ones("weight", &[dim])?,
            bias: p.f_zeros("bias", &[dim])?,
            dim,
            eps,
        })
    }

    /// Normalises the last dimension.
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        Ok(x.f_layer_norm(
            [self.dim],
            Some(&self.weight),
            Some(&self.bias),
            self.eps,
            true,
        )?)
    }
}

/// `nn.Embedding`: a table of rows looked up by id.
#[derive(Debug)]
pub struct Embedding {
    /// `[rows, dim]`.
    pub weight: Tensor,
    padding_idx: i64,
}

impl Embedding {
    /// A table of `rows × dim` at `p.weight`; `padding_idx` (when given) gets no gradient,
    /// as with PyTorch's `padding_idx`.
    pub fn new(p: &Path, rows: i64, dim: i64, padding_idx: Option<i64>) -> Result<Self> {
        Ok(Embedding {
            weight: p.set_group(DECAY).f_zeros("weight", &[rows, dim])?,
            padding_idx: padding_idx.unwrap_or(-1),
        })
    }

    /// The rows of `ids` (any shape; a trailing dimension is added).
    pub fn forward(&self, ids: &Tensor) -> Result<Tensor> {
        Ok(Tensor::f_embedding(
            &self.weight,
            ids,
            self.padding_idx,
            false,
            false,
        )?)
    }

    /// Number of rows.
    pub fn rows(&self) -> i64 {
        self.weight.size().first().copied().unwrap_or(0)
    }
}

/// Dropout with probability `p` while training; the identity otherwise.
pub fn dropout(x: &Tensor, p: f64, train: bool) -> Result<Tensor> {
    if train && p > 0.0 {
        Ok(x.f_dropout(p, true)?)
    } else {
        Ok(x.shallow_clone())
    }
}
