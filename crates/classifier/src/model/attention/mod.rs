//! `attention`: DeBERTa's disentangled self-attention (`attention.self`) and its output
//! projection (`attention.output`).
//!
//! Scores are content-to-content `q·k`, plus content-to-position `q·pos_k[δ(i, j)]` (c2p)
//! and position-to-content `k_j·pos_q[δ(i, j)]` (p2c), each divided by
//! `sqrt(head_size · (1 + [c2p] + [p2c]))`, where `δ(i, j)` is the row of the
//! relative-embedding table for the (bucketed, clamped) distance `i − j`. Positions come
//! from that table projected by the content projections (`share_att_key`) or by their own
//! `pos_key_proj` / `pos_query_proj`.
//!
//! The arithmetic is `transformers`', arranged for speed (see [`RelativeTables`]):
//!
//! - only the `2L − 1` distances a sequence of `L` tokens has are projected and multiplied,
//!   not the whole `2 · span` table (512 rows for DeBERTa-v3, against 191 for 96 tokens);
//! - the table rows are laid out by distance, so that the c2p and p2c terms are strided
//!   views of one `[queries, 2L − 1]` product each (row `i` of c2p starts `i` columns
//!   further in) instead of gathers;
//! - tensors are head-major, `[heads, batch, length, head_size]`, so that every product is
//!   one batched matrix multiplication with the positions shared across the batch (no
//!   copy of the position projections per sequence);
//! - the query, key and value projections are one matrix product, with `1 / scale` folded
//!   into the query weights;
//! - without padding no mask is built or applied;
//! - [`DisentangledSelfAttention::forward_rows`] computes the output at chosen query
//!   positions only (token 0 for classification, the masked token for suggestions): what
//!   the last layer needs, exactly.

use tch::{Kind, Tensor, nn::Path};

use crate::error::{ClassifierError, Result};
use crate::model::config::{DebertaConfig, PositionAttention};
use crate::model::layers::{LayerNorm, Linear, ZEROS, dropout};

mod substituted;

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
    attention_dropout: f64,
    pos_dropout: f64,
}

/// The relative-embedding table and which of its rows each distance of a sequence uses.
///
/// For a sequence of `L` tokens, column `c` (`0 ≤ c < 2L − 1`) stands for the distance
/// `i − j = c − (L − 1)`: `rows[c]` is the table row that distance reads, i.e.
/// `clamp(bucket(c − (L − 1)) + span, 0, 2 · span − 1)`, and `rows_reversed[c] =
/// rows[2L − 2 − c]`. Since the bucket map is odd, the p2c term of query `i` and key `j`
/// reads the same row as the c2p term, so one list serves both. Projected through
/// `rows_reversed`, the c2p scores of query `i` are the `L` consecutive columns that start
/// at `L − 1 − i`; projected through `rows`, the p2c scores of key `j` the `L` consecutive
/// columns that start at `L − 1 − j`: both are strided views, without a gather.
///
/// The lists may be longer than `2L − 1` (the encoder pads them to a multiple of 16,
/// a width BLAS multiplies twice as fast as 191 on AVX-512); the extra columns are never
/// read.
#[derive(Debug)]
pub struct RelativeTables {
    /// The relative-embedding table (normalised when configured): `[2 · span, hidden]`.
    pub embeddings: Tensor,
    /// `[R ≥ 2L − 1]` int64: the table row of distance `c − (L − 1)`.
    pub rows: Tensor,
    /// `[R]` int64: the first `2L − 1` entries of `rows` reversed (then padding).
    pub rows_reversed: Tensor,
}

/// What every layer's attention shares: the mask and the relative positions.
#[derive(Debug)]
pub struct AttentionContext {
    /// `[batch, 1, length, length]` booleans, true where query i may **not** attend to
    /// key j; `None` when no token of the batch is padding (nothing is masked).
    pub blocked: Option<Tensor>,
    /// The relative-position tables, with relative attention.
    pub relative: Option<RelativeTables>,
}

/// Query, key and value of one layer, `[heads, batch, length, head_size]` each, the
/// query already divided by the attention scale.
struct Projected {
    q: Tensor,
    k: Tensor,
    v: Tensor,
}

/// Position projections of one layer, `[heads, head_size, 2L − 1]` (ready to multiply).
struct Positions {
    /// Keys of the distances in `rows_reversed` order (c2p).
    keys: Option<Tensor>,
    /// Queries of the distances in `rows` order, divided by the scale (p2c).
    queries: Option<Tensor>,
}

impl DisentangledSelfAttention {
    /// Creates the variables under `p` (`…attention.self`).
    pub fn new(p: &Path, c: &DebertaConfig) -> Result<Self> {
        let (h, all) = (c.hidden_size, c.num_attention_heads * c.head_size());
        let separate = c.relative_attention && !c.share_att_key;
        Ok(DisentangledSelfAttention {
            query_proj: Linear::new(&(p / "query_proj"), h, all, true, ZEROS)?,
            key_proj: Linear::new(&(p / "key_proj"), h, all, true, ZEROS)?,
            value_proj: Linear::new(&(p / "value_proj"), h, all, true, ZEROS)?,
            pos_key_proj: if separate && c.pos_att_type.c2p {
                Some(Linear::new(&(p / "pos_key_proj"), h, all, true, ZEROS)?)
            } else {
                None
            },
            pos_query_proj: if separate && c.pos_att_type.p2c {
                Some(Linear::new(&(p / "pos_query_proj"), h, all, true, ZEROS)?)
            } else {
                None
            },
            heads: c.num_attention_heads,
            head_size: c.head_size(),
            relative_attention: c.relative_attention,
            pos_att_type: c.pos_att_type,
            attention_dropout: c.attention_probs_dropout_prob,
            pos_dropout: c.hidden_dropout_prob,
        })
    }

    /// `1 / sqrt(head_size · (1 + [c2p] + [p2c]))`, the square root taken in fp32 as
    /// `transformers` does.
    fn inverse_scale(&self) -> f64 {
        let factor = self.pos_att_type.scale_factor();
        1.0 / f64::from(((self.head_size * factor) as f32).sqrt())
    }

    /// The query projection's weight and bias divided by the scale.
    fn scaled_query(&self) -> Result<(Tensor, Tensor)> {
        let inv = self.inverse_scale();
        Ok((
            self.query_proj.weight.f_mul_scalar(inv)?,
            bias_of(&self.query_proj)?.f_mul_scalar(inv)?,
        ))
    }

    /// `[batch, length, groups · heads · d]` → `[groups, heads, batch, length, d]`, contiguous.
    fn head_major(&self, x: &Tensor, groups: i64) -> Result<Tensor> {
        let (b, l, _) = x.size3()?;
        Ok(x.f_view([b, l, groups, self.heads, self.head_size])?
            .f_permute([2, 3, 0, 1, 4])?
            .f_contiguous()?)
    }

    /// Query (scaled), key and value of every token of `hidden`, in one product.
    fn project_all(&self, hidden: &Tensor) -> Result<Projected> {
        let (wq, bq) = self.scaled_query()?;
        let weight = Tensor::f_cat(&[&wq, &self.key_proj.weight, &self.value_proj.weight], 0)?;
        let bias = Tensor::f_cat(
            &[&bq, &bias_of(&self.key_proj)?, &bias_of(&self.value_proj)?],
            0,
        )?;
        let qkv = self.head_major(&hidden.f_linear(&weight, Some(&bias))?, 3)?;
        Ok(Projected {
            q: qkv.f_select(0, 0)?,
            k: qkv.f_select(0, 1)?,
            v: qkv.f_select(0, 2)?,
        })
    }

    /// Key and value of every token of `hidden` and the (scaled) query of the tokens of
    /// `query_hidden` (`[batch, queries, hidden]`).
    fn project_rows(&self, hidden: &Tensor, query_hidden: &Tensor) -> Result<Projected> {
        let (wq, bq) = self.scaled_query()?;
        let weight = Tensor::f_cat(&[&self.key_proj.weight, &self.value_proj.weight], 0)?;
        let bias = Tensor::f_cat(&[&bias_of(&self.key_proj)?, &bias_of(&self.value_proj)?], 0)?;
        let kv = self.head_major(&hidden.f_linear(&weight, Some(&bias))?, 2)?;
        let q = self
            .head_major(&query_hidden.f_linear(&wq, Some(&bq))?, 1)?
            .f_select(0, 0)?;
        Ok(Projected {
            q,
            k: kv.f_select(0, 0)?,
            v: kv.f_select(0, 1)?,
        })
    }

    /// The c2p keys and p2c queries of the distances a sequence has (see [`RelativeTables`]).
    fn positions(&self, tables: &RelativeTables, train: bool) -> Result<Positions> {
        let table = dropout(&tables.embeddings, self.pos_dropout, train)?;
        // `[2L − 1, all]` → `[heads, d, 2L − 1]`
        let arrange = |x: Tensor| -> Result<Tensor> {
            let r = x.size()[0];
            Ok(x.f_view([r, self.heads, self.head_size])?
                .f_permute([1, 2, 0])?)
        };
        let keys = if self.pos_att_type.c2p {
            let rows = table.f_index_select(0, &tables.rows_reversed)?;
            let proj = self.pos_key_proj.as_ref().unwrap_or(&self.key_proj);
            Some(arrange(proj.forward(&rows)?)?)
        } else {
            None
        };
        let queries = if self.pos_att_type.p2c {
            let rows = table.f_index_select(0, &tables.rows)?;
            let projected = match &self.pos_query_proj {
                Some(proj) => proj.forward(&rows)?.f_mul_scalar(self.inverse_scale())?,
                None => {
                    let (wq, bq) = self.scaled_query()?;
                    rows.f_linear(&wq, Some(&bq))?
                }
            };
            Some(arrange(projected)?)
        } else {
            None
        };
        Ok(Positions { keys, queries })
    }

    /// Self-attention of `hidden` (`[batch, length, hidden]`) → `[batch, length, heads·d]`.
    pub fn forward(&self, hidden: &Tensor, ctx: &AttentionContext, train: bool) -> Result<Tensor> {
        let (b, l, _) = hidden.size3()?;
        let (heads, d) = (self.heads, self.head_size);
        let p = self.project_all(hidden)?;
        let keys_t = p.k.f_view([heads * b, l, d])?.f_transpose(1, 2)?;
        let queries = p.q.f_view([heads * b, l, d])?;
        let scores = match self.relative_bias(&p, ctx, train)? {
            Some(bias) => bias
                .f_view([heads * b, l, l])?
                .f_baddbmm(&queries, &keys_t, 1.0, 1.0)?,
            None => queries.f_bmm(&keys_t)?,
        };
        let scores = scores.f_view([heads, b, l, l])?;
        let scores = match &ctx.blocked {
            // [batch, 1, L, L] → [1, batch, L, L]
            Some(blocked) => {
                scores.f_masked_fill(&blocked.f_transpose(0, 1)?, f64::from(f32::MIN))?
            }
            None => scores,
        };
        self.context(&scores, &p.v, train)
    }

    /// The heads' output for masked `scores` (`[heads, batch, rows, L]`) over the values
    /// `v` (`[heads·batch, L, d]`-viewable): softmax, dropout, the weighted sum, and the
    /// heads joined, `[batch, rows, heads·d]`.
    fn context(&self, scores: &Tensor, v: &Tensor, train: bool) -> Result<Tensor> {
        let (heads, b, rows, l) = scores.size4()?;
        let d = self.head_size;
        let probs = scores.f_softmax(-1, Kind::Float)?;
        let probs = dropout(&probs, self.attention_dropout, train)?;
        let context = probs
            .f_view([heads * b, rows, l])?
            .f_bmm(&v.f_view([heads * b, l, d])?)?;
        // [heads, batch, rows, d] → [batch, rows, heads·d]
        Ok(context
            .f_view([heads, b, rows, d])?
            .f_permute([1, 2, 0, 3])?
            .f_contiguous()?
            .f_view([b, rows, heads * d])?)
    }

    /// Self-attention output at chosen query positions only: `positions` (`[batch, n]`
    /// int64) picks `n` tokens of each sequence; every token still serves as key and value.
    /// Returns the output, `[batch, n, heads·d]` (equal to those rows of
    /// [`DisentangledSelfAttention::forward`]), and the picked tokens' input `[batch, n,
    /// hidden]` (the residual of the output projection).
    pub fn forward_rows(
        &self,
        hidden: &Tensor,
        positions: &Tensor,
        ctx: &AttentionContext,
        train: bool,
    ) -> Result<(Tensor, Tensor)> {
        let (b, l, width) = hidden.size3()?;
        let n = positions.size2()?.1;
        let (heads, d) = (self.heads, self.head_size);
        let query_hidden = hidden.f_gather(
            1,
            &positions.f_unsqueeze(-1)?.f_expand([b, n, width], false)?,
            false,
        )?;
        let p = self.project_rows(hidden, &query_hidden)?;
        let keys_t = p.k.f_view([heads * b, l, d])?.f_transpose(1, 2)?;
        let mut scores = p.q.f_view([heads * b, n, d])?.f_bmm(&keys_t)?;
        if self.relative_attention
            && let Some(tables) = &ctx.relative
        {
            let pos = self.positions(tables, train)?;
            let r = table_width(tables, l)?;
            let j = tensor_arange(l, positions)?.f_view([1, 1, l])?;
            let at = positions.f_unsqueeze(-1)?; // [batch, n, 1]
            if let Some(keys) = &pos.keys {
                // c2p of query p and key j: column L − 1 − p + j of q · keysᵀ
                let all = p.q.f_view([heads, b * n, d])?.f_bmm(keys)?;
                let index = at
                    .f_neg()?
                    .f_add_scalar(l - 1)?
                    .f_add(&j)?
                    .f_unsqueeze(0)?
                    .f_expand([heads, b, n, l], false)?;
                let c2p = all.f_view([heads, b, n, r])?.f_gather(-1, &index, false)?;
                scores = scores.f_add(&c2p.f_view([heads * b, n, l])?)?;
            }
            if let Some(queries) = &pos.queries {
                // p2c of query p and key j: k_j · (distance row L − 1 + p − j)
                let index = at.f_add_scalar(l - 1)?.f_sub(&j)?.f_flatten(0, -1)?;
                let picked = queries
                    .f_permute([0, 2, 1])? // [heads, 2L − 1, d]
                    .f_index_select(1, &index)?
                    .f_view([heads, b, n, l, d])?;
                let p2c = picked.f_mul(&p.k.f_unsqueeze(2)?)?.f_sum_dim_intlist(
                    [-1i64].as_slice(),
                    false,
                    None::<Kind>,
                )?;
                scores = scores.f_add(&p2c.f_view([heads * b, n, l])?)?;
            }
        }
        let scores = scores.f_view([heads, b, n, l])?;
        let scores = match &ctx.blocked {
            Some(blocked) => {
                let rows = blocked.f_gather(
                    2,
                    &positions
                        .f_view([b, 1, n, 1])?
                        .f_expand([b, 1, n, l], false)?,
                    false,
                )?;
                scores.f_masked_fill(&rows.f_transpose(0, 1)?, f64::from(f32::MIN))?
            }
            None => scores,
        };
        Ok((self.context(&scores, &p.v, train)?, query_hidden))
    }

    /// `disentangled_attention_bias`: the c2p and p2c terms (already scaled) summed,
    /// `[heads, batch, L, L]` contiguous; `None` without position terms.
    fn relative_bias(
        &self,
        p: &Projected,
        ctx: &AttentionContext,
        train: bool,
    ) -> Result<Option<Tensor>> {
        let Some(tables) = ctx.relative.as_ref().filter(|_| self.relative_attention) else {
            return Ok(None);
        };
        let pos = self.positions(tables, train)?;
        let (c2p, p2c) = self.relative_terms(p, &pos, tables)?;
        Ok(match (c2p, p2c) {
            (Some(c2p), Some(p2c)) => Some(c2p.f_add(&p2c)?),
            (Some(t), None) | (None, Some(t)) => Some(t.f_contiguous()?),
            (None, None) => None,
        })
    }

    /// The c2p and p2c terms of every (query, key) pair (already scaled), `[heads, batch,
    /// L, L]` strided views of one product each (see [`RelativeTables`]).
    fn relative_terms(
        &self,
        p: &Projected,
        pos: &Positions,
        tables: &RelativeTables,
    ) -> Result<(Option<Tensor>, Option<Tensor>)> {
        let (heads, b, l, d) = p.q.size4()?;
        let r = table_width(tables, l)?;
        // The products are fresh contiguous `[heads, batch·L, R]` tensors (storage offset
        // 0), so element (h, b, x, c) sits at h·bLR + b·LR + x·R + c.
        let strided = |product: Tensor, query_stride: i64, key_stride: i64| -> Result<Tensor> {
            Ok(product.f_as_strided(
                [heads, b, l, l],
                [b * l * r, l * r, query_stride, key_stride],
                l - 1,
            )?)
        };
        let c2p = match &pos.keys {
            // c2p[i, j] = column L − 1 − i + j of row i: offset L − 1 + i(R − 1) + j
            Some(keys) => Some(strided(
                p.q.f_view([heads, b * l, d])?.f_bmm(keys)?,
                r - 1,
                1,
            )?),
            None => None,
        };
        let p2c = match &pos.queries {
            // p2c[i, j] = column L − 1 + i − j of key row j: offset L − 1 + j(R − 1) + i
            Some(queries) => Some(strided(
                p.k.f_view([heads, b * l, d])?.f_bmm(queries)?,
                1,
                r - 1,
            )?),
            None => None,
        };
        Ok((c2p, p2c))
    }
}

/// The number of distance columns of `tables`, checked against a sequence of `l` tokens.
fn table_width(tables: &RelativeTables, l: i64) -> Result<i64> {
    let r = tables.rows.size()[0];
    if r < 2 * l - 1 {
        return Err(ClassifierError::Setting(format!(
            "relative tables for {r} distances, but a sequence of {l} tokens has {}",
            2 * l - 1
        )));
    }
    Ok(r)
}

/// The bias of a projection (all of DeBERTa's attention projections have one; zeros otherwise).
fn bias_of(linear: &Linear) -> Result<Tensor> {
    match &linear.bias {
        Some(b) => Ok(b.shallow_clone()),
        None => Ok(Tensor::f_zeros(
            [linear.weight.size()[0]],
            (linear.weight.kind(), linear.weight.device()),
        )?),
    }
}

/// `0, 1, …, n − 1` as int64 on the device of `like`.
fn tensor_arange(n: i64, like: &Tensor) -> Result<Tensor> {
    Ok(Tensor::f_arange(n, (Kind::Int64, like.device()))?)
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
            dense: Linear::new(&(p / "dense"), c.hidden_size, c.hidden_size, true, ZEROS)?,
            layer_norm: LayerNorm::new(&(p / "LayerNorm"), c.hidden_size, c.layer_norm_eps)?,
            dropout: c.hidden_dropout_prob,
        })
    }

    /// `LayerNorm(dropout(dense(x)) + residual)`.
    pub fn forward(&self, x: &Tensor, residual: &Tensor, train: bool) -> Result<Tensor> {
        let x = dropout(&self.dense.forward(x)?, self.dropout, train)?;
        Ok(self.layer_norm.forward(&x.f_add(residual)?)?)
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

    /// Attention output at `positions` (`[batch, n]`) only: `[batch, n, hidden]`.
    pub fn forward_rows(
        &self,
        hidden: &Tensor,
        positions: &Tensor,
        ctx: &AttentionContext,
        train: bool,
    ) -> Result<Tensor> {
        let (attended, residual) = self
            .self_attention
            .forward_rows(hidden, positions, ctx, train)?;
        self.output.forward(&attended, &residual, train)
    }
}
