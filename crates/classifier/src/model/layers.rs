//! The building blocks the model is made of — linear maps and layer norms (`model_kit`'s,
//! shared with the generator), embedding tables, dropout — with the parameter names of
//! PyTorch's `nn.Linear`, `nn.LayerNorm` and `nn.Embedding` (`weight`, `bias`), created
//! in a [`VarStore`](tch::nn::VarStore).
//!
//! Variables are created with neutral values (zeros, LayerNorm weights one); a fresh model
//! then gets its random values from [`crate::model::init::initialize`] and a loaded one from its
//! checkpoint. Weights go in the optimizer group [`DECAY`], biases and LayerNorm weights in
//! [`NO_DECAY`], so that AdamW's weight decay spares them as in the usual BERT recipe.

use tch::Tensor;
use tch::nn::{Init, Path};

use crate::error::Result;

pub use model_kit::{DECAY, LayerNorm, Linear, NO_DECAY};

/// Neutral weights for a [`Linear`] (zeros): [`crate::model::init::initialize`] or a
/// checkpoint fills them next.
pub(crate) const ZEROS: Init = Init::Const(0.0);

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
