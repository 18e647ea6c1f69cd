//! The elementary layers — linear maps and LayerNorm (`model_kit`'s, shared with the
//! classifier), embeddings — created in a `VarStore` under the checkpoint's names
//! (`weight`, `bias`), initialised as Hugging Face's `GPTNeoPreTrainedModel._init_weights`
//! does for a model made from scratch.
//!
//! Weights take an [`Init`]: [`weight_init`] draws them like transformers, or fills zeros
//! when a checkpoint will overwrite them anyway.
//!
//! Weights that weight decay applies to live in parameter group [`DECAYED`]; biases and
//! LayerNorm parameters in group [`model_kit::NO_DECAY`] (the usual AdamW recipe).

use tch::nn::{Init, Path};
use tch::{Kind, Tensor};

use crate::error::Result;

pub(crate) use model_kit::{DECAY as DECAYED, LayerNorm, Linear};

/// Normal with standard deviation `std` for a model made from scratch, zeros (cheap) for
/// one whose weights a checkpoint is about to fill.
pub(crate) fn weight_init(std: f64, random: bool) -> Init {
    if random {
        Init::Randn {
            mean: 0.0,
            stdev: std,
        }
    } else {
        Init::Const(0.0)
    }
}

/// A lookup table `weight` of shape `[rows, width]`.
#[derive(Debug)]
pub(crate) struct Embedding {
    pub weight: Tensor,
}

impl Embedding {
    pub fn new(p: &Path, rows: usize, width: usize, init: Init) -> Result<Embedding> {
        Ok(Embedding {
            weight: p
                .set_group(DECAYED)
                .f_var("weight", &[rows as i64, width as i64], init)?,
        })
    }

    pub fn forward(&self, ids: &Tensor) -> Result<Tensor> {
        Ok(Tensor::f_embedding(
            &self.weight,
            &ids.f_to_kind(Kind::Int64)?,
            -1,
            false,
            false,
        )?)
    }
}

/// Dropout with probability `p` while training; the input itself otherwise.
pub(crate) fn dropout(x: Tensor, p: f64, train: bool) -> Result<Tensor> {
    Ok(x.f_dropout(p, train)?)
}
