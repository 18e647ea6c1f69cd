//! One GPT-Neo block (`transformer.h.{i}`): pre-LN attention and MLP, each added to the
//! residual stream (`GPTNeoBlock`).

use tch::Tensor;
use tch::nn::{Init, Path};

use crate::error::Result;
use crate::model::attention::{AttentionMasks, KvCache, SelfAttention};
use crate::model::config::{Activation, AttentionType, GptNeoConfig};
use crate::model::layers::{LayerNorm, Linear, dropout};

/// `GPTNeoMLP`: `c_proj(act(c_fc(x)))`, then residual dropout.
#[derive(Debug)]
pub(crate) struct Mlp {
    c_fc: Linear,
    c_proj: Linear,
    activation: Activation,
    dropout: f64,
}

impl Mlp {
    fn new(p: &Path, config: &GptNeoConfig, init: Init) -> Result<Self> {
        let (d, inner) = (config.hidden_size as i64, config.inner_dim() as i64);
        Ok(Mlp {
            c_fc: Linear::new(&(p / "c_fc"), d, inner, true, init)?,
            c_proj: Linear::new(&(p / "c_proj"), inner, d, true, init)?,
            activation: config.activation_function,
            dropout: config.resid_dropout,
        })
    }

    fn forward_t(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        let h = self.activation.apply(&self.c_fc.forward(x)?)?;
        dropout(self.c_proj.forward(&h)?, self.dropout, train)
    }
}

/// The attention module of a block; the extra `attention` level mirrors the checkpoint's
/// names (`attn.attention.q_proj.weight`).
#[derive(Debug)]
pub(crate) struct Attention {
    attention: SelfAttention,
}

/// `GPTNeoBlock`: `x + attn(ln_1(x))`, then `x + mlp(ln_2(x))`.
#[derive(Debug)]
pub(crate) struct Block {
    ln_1: LayerNorm,
    attn: Attention,
    ln_2: LayerNorm,
    mlp: Mlp,
}

impl Block {
    pub fn new(
        p: &Path,
        config: &GptNeoConfig,
        attention_type: AttentionType,
        init: Init,
    ) -> Result<Self> {
        let eps = config.layer_norm_epsilon;
        Ok(Block {
            ln_1: LayerNorm::new(&(p / "ln_1"), config.hidden_size as i64, eps)?,
            attn: Attention {
                attention: SelfAttention::new(
                    &(p / "attn" / "attention"),
                    config,
                    attention_type,
                    init,
                )?,
            },
            ln_2: LayerNorm::new(&(p / "ln_2"), config.hidden_size as i64, eps)?,
            mlp: Mlp::new(&(p / "mlp"), config, init)?,
        })
    }

    pub fn forward_t(
        &self,
        x: &Tensor,
        masks: &AttentionMasks,
        cache: Option<(&mut KvCache, usize)>,
        train: bool,
    ) -> Result<Tensor> {
        let attended =
            self.attn
                .attention
                .forward_t(&self.ln_1.forward(x)?, masks, cache, train)?;
        let x = attended.f_add(x)?;
        let fed = self.mlp.forward_t(&self.ln_2.forward(&x)?, train)?;
        Ok(x.f_add(&fed)?)
    }
}
