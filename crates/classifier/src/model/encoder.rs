//! `deberta.encoder`: the stack of post-LN transformer layers, the relative-embedding
//! table (normalised once per forward with `norm_rel_ebd = "layer_norm"`), and the
//! convolution of DeBERTa-v2-xlarge that joins layer 0's output.

use tch::{Kind, Tensor, nn::Path};

use crate::error::{ClassifierError, Result};
use crate::model::activation::Activation;
use crate::model::attention::{Attention, AttentionContext, RelativeTables};
use crate::model::config::{DebertaConfig, RelativeEmbeddingNorm};
use crate::model::layers::{Embedding, LayerNorm, Linear, NO_DECAY, ZEROS, dropout};
use crate::model::relative_position::distance_rows;

/// `encoder.layer.N` (`DebertaV2Layer`).
#[derive(Debug)]
pub struct Layer {
    /// `attention`.
    pub attention: Attention,
    /// `intermediate.dense`.
    pub intermediate_dense: Linear,
    /// `output.dense`.
    pub output_dense: Linear,
    /// `output.LayerNorm`.
    pub output_layer_norm: LayerNorm,
    act: Activation,
    dropout: f64,
}

impl Layer {
    /// Creates the variables under `p` (`deberta.encoder.layer.N`).
    pub fn new(p: &Path, c: &DebertaConfig) -> Result<Self> {
        let (h, i) = (c.hidden_size, c.intermediate_size);
        Ok(Layer {
            attention: Attention::new(&(p / "attention"), c)?,
            intermediate_dense: Linear::new(&(p / "intermediate" / "dense"), h, i, true, ZEROS)?,
            output_dense: Linear::new(&(p / "output" / "dense"), i, h, true, ZEROS)?,
            output_layer_norm: LayerNorm::new(&(p / "output" / "LayerNorm"), h, c.layer_norm_eps)?,
            act: c.hidden_act,
            dropout: c.hidden_dropout_prob,
        })
    }

    /// The layer's output for `hidden`.
    pub fn forward(&self, hidden: &Tensor, ctx: &AttentionContext, train: bool) -> Result<Tensor> {
        let attended = self.attention.forward(hidden, ctx, train)?;
        self.feed_forward(&attended, train)
    }

    /// The layer's output at `positions` (`[batch, n]` int64) only: `[batch, n, hidden]`,
    /// equal to those rows of [`Layer::forward`].
    pub fn forward_rows(
        &self,
        hidden: &Tensor,
        positions: &Tensor,
        ctx: &AttentionContext,
        train: bool,
    ) -> Result<Tensor> {
        let attended = self.attention.forward_rows(hidden, positions, ctx, train)?;
        self.feed_forward(&attended, train)
    }

    /// The layer's output for variants of one sequence that each change one token (no
    /// padding, inference): `base` `[1, L, hidden]` is the sequence's input, `hidden` `[n,
    /// L, hidden]` the variants', `changed` `[n]` int64 their changed positions. Equal to
    /// [`Layer::forward`] of `hidden`, with the attention of
    /// [`DisentangledSelfAttention::forward_substituted`](crate::model::attention::DisentangledSelfAttention::forward_substituted).
    pub fn forward_substituted(
        &self,
        base: &Tensor,
        hidden: &Tensor,
        changed: &Tensor,
        ctx: &AttentionContext,
    ) -> Result<Tensor> {
        let (n, _, width) = hidden.size3()?;
        let changed_hidden = hidden.f_gather(
            1,
            &changed.f_view([n, 1, 1])?.f_expand([n, 1, width], false)?,
            false,
        )?;
        let attended = self.attention.self_attention.forward_substituted(
            base,
            &changed_hidden,
            changed,
            ctx,
        )?;
        let attended = self.attention.output.forward(&attended, hidden, false)?;
        self.feed_forward(&attended, false)
    }

    /// `LayerNorm(dropout(output(act(intermediate(x)))) + x)`.
    fn feed_forward(&self, attended: &Tensor, train: bool) -> Result<Tensor> {
        let inner = self
            .act
            .forward(&self.intermediate_dense.forward(attended)?)?;
        let out = dropout(&self.output_dense.forward(&inner)?, self.dropout, train)?;
        Ok(self.output_layer_norm.forward(&out.f_add(attended)?)?)
    }
}

/// `encoder.conv` (`ConvLayer`): a 1-D convolution over the embedding output that joins
/// layer 0's output through a LayerNorm of the sum.
#[derive(Debug)]
pub struct ConvLayer {
    /// `conv.weight`: `[hidden, hidden / groups, kernel]`.
    pub weight: Tensor,
    /// `conv.bias`: `[hidden]`.
    pub bias: Tensor,
    /// `LayerNorm`.
    pub layer_norm: LayerNorm,
    groups: i64,
    padding: i64,
    act: Activation,
    dropout: f64,
}

impl ConvLayer {
    /// Creates the variables under `p` (`deberta.encoder.conv`).
    pub fn new(p: &Path, c: &DebertaConfig) -> Result<Self> {
        let (h, k) = (c.hidden_size, c.conv_kernel_size);
        let conv = p / "conv";
        Ok(ConvLayer {
            weight: conv.f_zeros("weight", &[h, h / c.conv_groups, k])?,
            bias: conv.set_group(NO_DECAY).f_zeros("bias", &[h])?,
            layer_norm: LayerNorm::new(&(p / "LayerNorm"), h, c.layer_norm_eps)?,
            groups: c.conv_groups,
            padding: (k - 1) / 2,
            act: c.conv_act,
            dropout: c.hidden_dropout_prob,
        })
    }

    /// `LayerNorm(residual + act(dropout(masked conv(embedded)))) · mask`.
    pub fn forward(
        &self,
        embedded: &Tensor,
        residual: &Tensor,
        mask: &Tensor,
        train: bool,
    ) -> Result<Tensor> {
        let out = embedded
            .f_permute([0, 2, 1])?
            .f_contiguous()?
            .f_conv1d(
                &self.weight,
                Some(&self.bias),
                [1],
                [self.padding],
                [1],
                self.groups,
            )?
            .f_permute([0, 2, 1])?;
        let keep = mask.f_unsqueeze(-1)?.f_to_kind(out.kind())?;
        let out = out.f_mul(&keep)?;
        let out = self.act.forward(&dropout(&out, self.dropout, train)?)?;
        let normed = self.layer_norm.forward(&residual.f_add(&out)?)?;
        Ok(normed.f_mul(&keep)?)
    }
}

/// `deberta.encoder` (`DebertaV2Encoder`).
#[derive(Debug)]
pub struct Encoder {
    /// `layer.N`.
    pub layer: Vec<Layer>,
    /// `rel_embeddings`: `[2 · span, hidden]`, with relative attention.
    pub rel_embeddings: Option<Embedding>,
    /// `LayerNorm` of the relative embeddings, with `norm_rel_ebd = "layer_norm"`.
    pub layer_norm: Option<LayerNorm>,
    /// `conv`, with `conv_kernel_size > 0`.
    pub conv: Option<ConvLayer>,
    position_buckets: i64,
    max_relative_positions: i64,
    span: i64,
}

impl Encoder {
    /// Creates the variables under `p` (`deberta.encoder`).
    pub fn new(p: &Path, c: &DebertaConfig) -> Result<Self> {
        let layer = (0..c.num_hidden_layers)
            .map(|i| Layer::new(&(p / "layer" / i), c))
            .collect::<Result<Vec<_>>>()?;
        let rel_embeddings = if c.relative_attention {
            Some(Embedding::new(
                &(p / "rel_embeddings"),
                2 * c.attention_span(),
                c.hidden_size,
                None,
            )?)
        } else {
            None
        };
        let layer_norm = if c.norm_rel_ebd == RelativeEmbeddingNorm::LayerNorm {
            Some(LayerNorm::new(
                &(p / "LayerNorm"),
                c.hidden_size,
                c.layer_norm_eps,
            )?)
        } else {
            None
        };
        let conv = if c.conv_kernel_size > 0 {
            Some(ConvLayer::new(&(p / "conv"), c)?)
        } else {
            None
        };
        Ok(Encoder {
            layer,
            rel_embeddings,
            layer_norm,
            conv,
            position_buckets: c.position_buckets,
            max_relative_positions: c.max_relative_positions(),
            span: c.attention_span(),
        })
    }

    /// What every layer shares for a batch: the mask of blocked (query, key) pairs when
    /// some token is padding, and the relative-position tables.
    fn context(&self, length: i64, mask: &Tensor, device: tch::Device) -> Result<AttentionContext> {
        let m = mask.f_to_kind(Kind::Int64)?;
        let padded = m.numel() > 0 && m.f_min()?.f_int64_value(&[])? == 0;
        // get_attention_mask: mask[b, j] · mask[b, i], as [batch, 1, length, length]
        let blocked = if padded {
            Some(
                m.f_unsqueeze(1)?
                    .f_unsqueeze(2)?
                    .f_mul(&m.f_unsqueeze(1)?.f_unsqueeze(3)?)?
                    .f_eq(0)?,
            )
        } else {
            None
        };
        let relative = match &self.rel_embeddings {
            Some(table) => {
                let (rows, rows_reversed) = distance_rows(
                    length,
                    self.span,
                    self.position_buckets,
                    self.max_relative_positions,
                    device,
                )?;
                // pad to a multiple of 16 columns (see `RelativeTables`)
                let extra = (16 - (2 * length - 1) % 16) % 16;
                let pad = |t: Tensor| -> Result<Tensor> {
                    let last = t.f_narrow(0, 2 * length - 2, 1)?.f_expand([extra], false)?;
                    Ok(Tensor::f_cat(&[&t, &last], 0)?)
                };
                let (rows, rows_reversed) = (pad(rows)?, pad(rows_reversed)?);
                let embeddings = match &self.layer_norm {
                    Some(ln) => ln.forward(&table.weight)?,
                    None => table.weight.shallow_clone(),
                };
                Some(RelativeTables {
                    embeddings,
                    rows,
                    rows_reversed,
                })
            }
            None => None,
        };
        Ok(AttentionContext { blocked, relative })
    }

    /// Runs the layers over the embedding output (`[batch, length, hidden]`) with the
    /// `[batch, length]` 0/1 mask; returns the embedding output followed by every
    /// layer's output (`hidden_states` of `transformers`).
    pub fn forward(&self, embedded: &Tensor, mask: &Tensor, train: bool) -> Result<Vec<Tensor>> {
        let ctx = self.context(embedded.size()[1], mask, embedded.device())?;
        let mut states = Vec::with_capacity(self.layer.len() + 1);
        states.push(embedded.shallow_clone());
        let mut hidden = embedded.shallow_clone();
        for (i, layer) in self.layer.iter().enumerate() {
            let mut out = layer.forward(&hidden, &ctx, train)?;
            if i == 0
                && let Some(conv) = &self.conv
            {
                out = conv.forward(embedded, &out, mask, train)?;
            }
            states.push(out.shallow_clone());
            hidden = out;
        }
        Ok(states)
    }

    /// The last layer's output at `positions` (`[batch, n]` int64) only, `[batch, n,
    /// hidden]`: every layer but the last runs in full, the last one only for the queries
    /// the heads read (token 0 for classification, masked tokens for suggestions). Equal
    /// to those rows of the last state of [`Encoder::forward`].
    pub fn forward_rows(
        &self,
        embedded: &Tensor,
        mask: &Tensor,
        positions: &Tensor,
        train: bool,
    ) -> Result<Tensor> {
        let (b, length, width) = embedded.size3()?;
        let n = check_positions(positions, b, length)?;
        let Some((last, first)) = self.layer.split_last() else {
            return Ok(embedded.f_gather(
                1,
                &positions.f_unsqueeze(-1)?.f_expand([b, n, width], false)?,
                false,
            )?);
        };
        if first.is_empty() && self.conv.is_some() {
            // the convolution joins layer 0's output at every token: run it in full
            let states = self.forward(embedded, mask, train)?;
            let out = states.last().unwrap_or(embedded);
            return Ok(out.f_gather(
                1,
                &positions.f_unsqueeze(-1)?.f_expand([b, n, width], false)?,
                false,
            )?);
        }
        let ctx = self.context(length, mask, embedded.device())?;
        let mut hidden = embedded.shallow_clone();
        for (i, layer) in first.iter().enumerate() {
            let mut out = layer.forward(&hidden, &ctx, train)?;
            if i == 0
                && let Some(conv) = &self.conv
            {
                out = conv.forward(embedded, &out, mask, train)?;
            }
            hidden = out;
        }
        last.forward_rows(&hidden, positions, &ctx, train)
    }

    /// The last layer's output at `positions` (`[n, q]`) for variants of one sequence that
    /// each change one token: `embedded` `[n, L, hidden]` is the variants' embedding output,
    /// `base` `[1, L, hidden]` the sequence's, `changed` `[n]` int64 the positions changed.
    /// No padding, inference only. Equal to [`Encoder::forward_rows`] of `embedded`; the
    /// first layer reuses the base's projections and scores
    /// ([`Layer::forward_substituted`]).
    pub fn forward_rows_substituted(
        &self,
        embedded: &Tensor,
        base: &Tensor,
        changed: &Tensor,
        positions: &Tensor,
    ) -> Result<Tensor> {
        let (n, length, _) = embedded.size3()?;
        check_positions(positions, n, length)?;
        check_positions(&changed.f_view([n, 1])?, n, length)?;
        let mask = Tensor::f_ones([n, length], (Kind::Int64, embedded.device()))?;
        match self.layer.split_first() {
            Some((first, rest)) if !rest.is_empty() && self.conv.is_none() => {
                let ctx = self.context(length, &mask, embedded.device())?;
                let mut hidden = first.forward_substituted(base, embedded, changed, &ctx)?;
                let (last, middle) = rest.split_last().unwrap_or((first, &[]));
                for layer in middle {
                    hidden = layer.forward(&hidden, &ctx, false)?;
                }
                last.forward_rows(&hidden, positions, &ctx, false)
            }
            // one layer (also the last) or the convolution beside layer 0: plainly
            _ => self.forward_rows(embedded, &mask, positions, false),
        }
    }
}

/// Checks `positions` (`[batch, n]` int64 in `0..length`); returns `n`.
fn check_positions(positions: &Tensor, batch: i64, length: i64) -> Result<i64> {
    let n = match positions.size().as_slice() {
        &[rows, n] if rows == batch => n,
        other => {
            return Err(ClassifierError::Setting(format!(
                "positions must be [batch = {batch}, n], got {other:?}"
            )));
        }
    };
    if positions.numel() > 0 {
        let (lo, hi) = (
            positions.f_min()?.f_int64_value(&[])?,
            positions.f_max()?.f_int64_value(&[])?,
        );
        if lo < 0 || hi >= length {
            return Err(ClassifierError::Setting(format!(
                "positions must lie in 0..{length}, got {lo}..={hi}"
            )));
        }
    }
    Ok(n)
}
