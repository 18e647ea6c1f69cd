//! The layers both models share, with the parameter names of PyTorch's `nn.Linear` and
//! `nn.LayerNorm` (`weight`, `bias`): weights in the optimizer group [`DECAY`], biases and
//! LayerNorm parameters in [`NO_DECAY`], so that AdamW's weight decay spares them (the usual
//! recipe of BERT and GPT alike).

use tch::Tensor;
use tch::nn::{Init, Path};

use crate::error::Result;
use crate::optim::{DECAY, NO_DECAY};

/// `nn.Linear`: `x Wᵀ + b`.
#[derive(Debug)]
pub struct Linear {
    /// `[out, in]`.
    pub weight: Tensor,
    /// `[out]`, when the layer has one.
    pub bias: Option<Tensor>,
}

impl Linear {
    /// A linear map `in_dim → out_dim` at `p` (`p.weight` drawn from `init`, and `p.bias`,
    /// zeros, when `bias`).
    ///
    /// ```
    /// let vs = tch::nn::VarStore::new(tch::Device::Cpu);
    /// let layer = model_kit::Linear::new(&vs.root(), 3, 2, true, tch::nn::Init::Const(0.5))?;
    /// let y = layer.forward(&tch::Tensor::ones([1, 3], (tch::Kind::Float, tch::Device::Cpu)))?;
    /// assert_eq!(y.double_value(&[0, 1]), 1.5);
    /// # Ok::<(), model_kit::Error>(())
    /// ```
    pub fn new(p: &Path, in_dim: i64, out_dim: i64, bias: bool, init: Init) -> Result<Self> {
        let weight = p
            .set_group(DECAY)
            .f_var("weight", &[out_dim, in_dim], init)?;
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

/// `nn.LayerNorm` over the last dimension.
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
    /// A LayerNorm over `dim` features at `p`, with epsilon `eps`.
    pub fn new(p: &Path, dim: i64, eps: f64) -> Result<Self> {
        let p = p.set_group(NO_DECAY);
        Ok(LayerNorm {
            weight: p.f_ones("weight", &[dim])?,
            bias: p.f_zeros("bias", &[dim])?,
            dim,
            eps,
        })
    }

    /// Normalises the last dimension (libtorch's `cudnn_enable` flag is unused by
    /// `layer_norm`, so it is left off).
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        Ok(x.f_layer_norm(
            [self.dim],
            Some(&self.weight),
            Some(&self.bias),
            self.eps,
            false,
        )?)
    }
}
