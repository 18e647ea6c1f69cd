//! The elementary layers — linear maps, LayerNorm, embeddings — created in a `VarStore`
//! under the checkpoint's names (`weight`, `bias`), initialised as Hugging Face's
//! `GPTNeoPreTrainedModel._init_weights` does for a model made from scratch.
//!
//! Weights take an [`Init`]: [`weight_init`] draws them like transformers, or fills zeros
//! when a checkpoint will overwrite them anyway.
//!
//! Weights that weight decay applies to live in parameter group [`DECAYED`]; biases and
//! LayerNorm parameters in group [`NOT_DECAYED`] (the usual AdamW recipe).

use tch::nn::{Init, Path};
use tch::{Kind, Tensor};

use crate::error::Result;

pub(crate) use model_kit::{DECAY as DECAYED, NO_DECAY as NOT_DECAYED};

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

/// `y = x Wᵀ + b`, with `weight` of shape `[out, in]` as in `torch.nn.Linear`.
#[derive(Debug)]
pub(crate) struct Linear {
    pub weight: Tensor,
    pub bias: Option<Tensor>,
}

impl Linear {
    pub fn new(p: &Path, input: usize, output: usize, bias: bool, init: Init) -> Result<Linear> {
        let weight = p
            .set_group(DECAYED)
            .f_var("weight", &[output as i64, input as i64], init)?;
        let bias = if bias {
            Some(
                p.set_group(NOT_DECAYED)
                    .f_var("bias", &[output as i64], Init::Const(0.0))?,
            )
        } else {
            None
        };
        Ok(Linear { weight, bias })
    }

    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        Ok(x.f_linear(&self.weight, self.bias.as_ref())?)
    }
}

/// LayerNorm over the last dimension, with `weight` and `bias`.
#[derive(Debug)]
pub(crate) struct LayerNorm {
    pub weight: Tensor,
    pub bias: Tensor,
    eps: f64,
    size: i64,
}

impl LayerNorm {
    pub fn new(p: &Path, size: usize, eps: f64) -> Result<LayerNorm> {
        let p = p.set_group(NOT_DECAYED);
        Ok(LayerNorm {
            weight: p.f_var("weight", &[size as i64], Init::Const(1.0))?,
            bias: p.f_var("bias", &[size as i64], Init::Const(0.0))?,
            eps,
            size: size as i64,
        })
    }

    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        Ok(x.f_layer_norm(
            [self.size],
            Some(&self.weight),
            Some(&self.bias),
            self.eps,
            false,
        )?)
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
