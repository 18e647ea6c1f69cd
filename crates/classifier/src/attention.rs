//! `attention`: DeBERTa's disentangled self-attention (`attention.self`) and its output
//! projection (`attention.output`).
//!
//! Scores are content-to-content `q·k`, plus content-to-position `q·pos_k[δ(i, j)]` (c2p)
//! and position-to-content `k_j·pos_q[δ'(j, i)]` (p2c), each divided by
//! `sqrt(head_size · (1 + [c2p] + [p2c]))`. Positions come from the relative-embedding
//! table projected by the content projections (`share_att_key`) or by their own
//! `pos_key_proj` / `pos_query_proj`. Tensors are `[batch, heads, length, head_size]`
//! here where the reference folds batch and heads into one dimension; the arithmetic is
//! the same.

use tch::{Kind, Tensor, nn::Path};

use crate::config::{DebertaConfig, PositionAttention};
use crate::error::Result;
use crate::layers::{LayerNorm, Linear, dropout};

/// `attention.self` (`DisentangledSelfAttention`).
#[derive(Debug)]
pub struct DisentangledSelfAttention {
    /// `query_proj`.
    pub query_proj: Linear,
    /// `key_proj`.
    pub key_proj: Linear,
    /// `value_proj`.
    pub value_proj: Linear,
    /// `pos_key_proj`: without `share_att_key`, when c2p is used.
    pub pos_key_proj: Option<Linear>,
    /// `pos_query_proj`: without `share_att_key`, when p2c is used.
    pub pos_query_proj: Option<Linear>,
    heads: i64,
    head_size: i64,
    relative_attention: bool,
    pos_att_type: PositionAttention,
    span: i64,
    attention_dropout: f64,
    pos_dropout: f64,
}

/// What every layer's attention shares: the mask and the relative positions.
#[derive(Debug)]
pub struct AttentionContext {
    /// `[batch, 1, length, length]` booleans: query i may attend to key j.
    pub mask: Tensor,
    /// `[length, length]` int64 (bucketed) relative positions, with relative attention.
    pub relative_pos: Option<Tensor>,
    /// The relative-embedding table (normalised when configured), with relative attention.
    pub rel_embeddings: Option<Tensor>,
}

impl DisentangledSelfAttention {
    /// Creates the variables under `p` (`…attention.self`).
    pub fn new(p: &Path, c: &DebertaConfig) -> Result<Self> {
        let (h, all) = (c.hidden_size, c.num_attention_heads * c.head_size());
        let separate = c.relative_attention && !c.share_att_key;
        Ok(DisentangledSelfAttention {
            query_proj: Linear::new(&(p / "query_proj"), h, all, true)?,
            key_proj: Linear::new(&(p / "key_proj"), h, all, true)?,
            value_proj: Linear::new(&(p / "value_proj"), h, all, true)?,
            pos_key_proj: if separate && c.pos_att_type.c2p {
                Some(Linear::new(&(p / "pos_key_proj"), h, all, true)?)
            } else {
                None
            },
            pos_query_proj: if separate && c.pos_att_type.p2c {
                Some(Linear::new(&(p / "pos_query_proj"), h, all, true)?)
            } else {
                None
            },
            heads: c.num_attention_heads,
            head_size: c.head_size(),
            relative_attention: c.relative_attention,
            pos_att_type: c.pos_att_type,
            span: c.attention_span(),
            attention_dropout: c.attention_probs_dropout_prob,
            pos_dropout: c.hidden_dropout_prob,
        })
    }

    /// `[batch, length, heads·d]` → `[batch, heads, length, d]`.
    fn split_heads(&self, x: &Tensor) -> Result<Tensor> {
        let s = x.size();
        Ok(x.f_view([s[0], s[1], self.heads, self.head_size])?
            .f_permute([0, 2, 1, 3])?)
    }

    /// Self-attention of `hidden` (`[batch, length, hidden]`) → `[batch, length, heads·d]`.
    pub fn forward(&self, hidden: &Tensor, ctx: &AttentionContext, train: bool) -> Result<Tensor> {
        let q = self.split_heads(&self.query_proj.forward(hidden)?)?;
        let k = self.split_heads(&self.key_proj.forward(hidden)?)?;
        let v = self.split_heads(&self.value_proj.forward(hidden)?)?;
        let factor = self.pos_att_type.scale_factor();
        let scale = ((self.head_size * factor) as f32).sqrt() as f64;
        let mut scores = q.f_matmul(&k.f_transpose(-1, -2)?.f_div_scalar(scale)?)?;
        if self.relative_attention
            && let (Some(rel_pos), Some(rel_emb)) = (&ctx.relative_pos, &ctx.rel_embeddings)
        {
            let rel_emb = dropout(rel_emb, self.pos_dropout, train)?;
            let bias = self.relative_bias(&q, &k, rel_pos, &rel_emb, scale)?;
            if let Some(bias) = bias {
                scores = scores.f_add(&bias)?;
            }
        }
        let scores = scores.f_masked_fill(&ctx.mask.f_logical_not()?, f64::from(f32::MIN))?;
        let probs = scores.f_softmax(-1, Kind::Float)?;
        let probs = dropout(&probs, self.attention_dropout, train)?;
        let context = probs
            .f_matmul(&v)?
            .f_permute([0, 2, 1, 3])?
            .f_contiguous()?;
        let s = context.size();
        Ok(context.f_view([s[0], s[1], self.heads * self.head_size])?)
    }

    /// `disentangled_attention_bias`: the c2p and p2c terms, already scaled.
    fn relative_bias(
        &self,
        q: &Tensor,
        k: &Tensor,
        rel_pos: &Tensor,
        rel_emb: &Tensor,
        scale: f64,
    ) -> Result<Option<Tensor>> {
        let span = self.span;
        let rel_emb = rel_emb.f_narrow(0, 0, 2 * span)?.f_unsqueeze(0)?;
        let (b, h, len, _) = q.size4()?;
        let mut total: Option<Tensor> = None;
        if self.pos_att_type.c2p {
            let proj = self.pos_key_proj.as_ref().unwrap_or(&self.key_proj);
            // [1, 2S, all] → [1, heads, 2S, d]
            let pos_k = self.split_heads(&proj.forward(&rel_emb)?)?;
            let c2p = q.f_matmul(&pos_k.f_transpose(-1, -2)?)?;
            let index = rel_pos
                .f_add_scalar(span)?
                .f_clamp(0, 2 * span - 1)?
                .f_expand([b, h, len, len], false)?;
            let c2p = c2p.f_gather(-1, &index, false)?.f_div_scalar(scale)?;
            total = Some(c2p);
        }
        if self.pos_att_type.p2c {
            let proj = self.pos_query_proj.as_ref().unwrap_or(&self.query_proj);
            let pos_q = self.split_heads(&proj.forward(&rel_emb)?)?;
            let p2c = k.f_matmul(&pos_q.f_transpose(-1, -2)?)?;
            let index = rel_pos
                .f_neg()?
                .f_add_scalar(span)?
                .f_clamp(0, 2 * span - 1)?
                .f_expand([b, h, len, len], false)?;
            let p2c = p2c
                .f_gather(-1, &index, false)?
                .f_transpose(-1, -2)?
                .f_div_scalar(scale)?;
            total = Some(match total {
                Some(t) => t.f_add(&p2c)?,
                None => p2c,
            });
        }
        Ok(total)
    }
}

/// `attention.output` (`DebertaV2SelfOutput`): dense, dropout, LayerNorm of the residual sum.
#[derive(Debug)]
pub struct SelfOutput {
    /// `dense`.
    pub dense: Linear,
    /// `LayerNorm`.
    pub layer_norm: LayerNorm,
    dropout: f64,
}

impl SelfOutput {
    /// Creates the variables under `p` (`…attention.output`).
    pub fn new(p: &Path, c: &DebertaConfig) -> Result<Self> {
        Ok(SelfOutput {
            dense: Linear::new(&(p / "dense"), c.hidden_size, c.hidden_size, true)?,
            layer_norm: LayerNorm::new(&(p / "LayerNorm"), c.hidden_size, c.layer_norm_eps)?,
            dropout: c.hidden_dropout_prob,
        })
    }

    /// `LayerNorm(dropout(dense(x)) + residual)`.
    pub fn forward(&self, x: &Tensor, residual: &Tensor, train: bool) -> Result<Tensor> {
        let x = dropout(&self.dense.forward(x)?, self.dropout, train)?;
        self.layer_norm.forward(&x.f_add(residual)?)
    }
}

/// `attention` (`DebertaV2Attention`): self-attention then its output projection.
#[derive(Debug)]
pub struct Attention {
    /// `self`.
    pub self_attention: DisentangledSelfAttention,
    /// `output`.
    pub output: SelfOutput,
}

impl Attention {
    /// Creates the variables under `p` (`…layer.N.attention`).
    pub fn new(p: &Path, c: &DebertaConfig) -> Result<Self> {
        Ok(Attention {
            self_attention: DisentangledSelfAttention::new(&(p / "self"), c)?,
            output: SelfOutput::new(&(p / "output"), c)?,
        })
    }

    /// Attention output for `hidden`.
    pub fn forward(&self, hidden: &Tensor, ctx: &AttentionContext, train: bool) -> Result<Tensor> {
        let attended = self.self_attention.forward(hidden, ctx, train)?;
        self.output.forward(&attended, hidden, train)
    }
}
