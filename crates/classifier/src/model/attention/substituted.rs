//! The first layer's self-attention for variants of one sequence that each differ from it
//! at one token (substitution scoring, [`crate::tools::injuriousness::InjuriousnessClassifier::score_substitutions`]).
//!
//! A variant's input equals the base's except at its changed token `p`, so its query, key
//! and value equal the base's except at `p`, and so do its attention scores except in row
//! `p` and column `p`: every other (query, key) pair reads unchanged vectors at an
//! unchanged distance. The base's projections and scores are computed once; per variant
//! only the changed token's projections, its row and column of scores and a rank-one
//! correction of the context (`probs · v` with one value changed) — instead of the
//! projections of every token and the `L × L` products.

use tch::{Kind, Tensor};

use super::{AttentionContext, DisentangledSelfAttention, table_width};
use crate::error::{ClassifierError, Result};

impl DisentangledSelfAttention {
    /// Self-attention of the variants, `[n, L, heads·d]`, equal to
    /// [`DisentangledSelfAttention::forward`] of their inputs (inference, no padding).
    ///
    /// `base`: the base sequence's input, `[1, L, hidden]`; `changed_hidden`: each
    /// variant's input at its changed token, `[n, 1, hidden]`; `changed`: the positions,
    /// `[n]` int64.
    pub fn forward_substituted(
        &self,
        base: &Tensor,
        changed_hidden: &Tensor,
        changed: &Tensor,
        ctx: &AttentionContext,
    ) -> Result<Tensor> {
        if ctx.blocked.is_some() {
            return Err(ClassifierError::Setting(
                "substitution variants have no padding".into(),
            ));
        }
        let l = base.size3()?.1;
        let n = changed.size1()?;
        let (heads, d) = (self.heads, self.head_size);
        let base_p = self.project_all(base)?;
        let var_p = self.project_all(changed_hidden)?;
        let (q0, k0, v0) = (
            base_p.q.f_view([heads, l, d])?,
            base_p.k.f_view([heads, l, d])?,
            base_p.v.f_view([heads, l, d])?,
        );
        let (qp, kp, vp) = (
            var_p.q.f_view([heads, n, d])?,
            var_p.k.f_view([heads, n, d])?,
            var_p.v.f_view([heads, n, d])?,
        );
        let k0_t = k0.f_transpose(1, 2)?;
        // the base's scores, and per variant its row p (with the base's keys) and column p
        let mut scores = q0.f_bmm(&k0_t)?; // [heads, L, L]
        let mut row = qp.f_bmm(&k0_t)?; // [heads, n, L]
        let mut col = q0.f_bmm(&kp.f_transpose(1, 2)?)?.f_transpose(1, 2)?; // [heads, n, L]
        let mut diag = qp
            .f_mul(&kp)?
            .f_sum_dim_intlist([-1i64].as_slice(), false, None::<Kind>)?; // [heads, n]
        let device = base.device();
        let at = changed.f_view([1, n, 1])?;
        if self.relative_attention
            && let Some(tables) = &ctx.relative
        {
            let pos = self.positions(tables, false)?;
            let r = table_width(tables, l)?;
            let (c2p0, p2c0) = self.relative_terms(&base_p, &pos, tables)?;
            // the window of a variant's L distances: column L − 1 − p + x for x = 0..L
            let j = Tensor::f_arange(l, (Kind::Int64, device))?.f_view([1, 1, l])?;
            let window = at
                .f_neg()?
                .f_add_scalar(l - 1)?
                .f_add(&j)?
                .f_expand([heads, n, l], false)?;
            if let (Some(c2p0), Some(keys)) = (&c2p0, &pos.keys) {
                let c2p0 = c2p0.f_view([heads, l, l])?;
                scores = scores.f_add(&c2p0)?;
                // row p: q'_p · pos_k of distance p − j; column p: the base's (q_i unchanged)
                let all = qp.f_bmm(keys)?; // [heads, n, R]
                row = row.f_add(&all.f_gather(-1, &window, false)?)?;
                col = col.f_add(&c2p0.f_index_select(2, changed)?.f_transpose(1, 2)?)?;
                diag = diag.f_add(&all.f_select(2, l - 1)?)?;
                debug_assert_eq!(all.size()[2], r);
            }
            if let (Some(p2c0), Some(queries)) = (&p2c0, &pos.queries) {
                let p2c0 = p2c0.f_view([heads, l, l])?;
                scores = scores.f_add(&p2c0)?;
                // row p: the base's (k_j unchanged); column p: k'_p · pos_q of distance i − p
                let all = kp.f_bmm(queries)?; // [heads, n, R]
                row = row.f_add(&p2c0.f_index_select(1, changed)?)?;
                col = col.f_add(&all.f_gather(-1, &window, false)?)?;
                diag = diag.f_add(&all.f_select(2, l - 1)?)?;
            }
        }
        // every variant's scores: the base's with row p, column p and (p, p) replaced
        let scores = scores
            .f_unsqueeze(1)?
            .f_expand([heads, n, l, l], false)?
            .f_contiguous()?;
        let column_index = at.f_view([1, n, 1, 1])?.f_expand([heads, n, l, 1], false)?;
        let row_index = at.f_view([1, n, 1, 1])?.f_expand([heads, n, 1, l], false)?;
        let scores = scores
            .f_scatter(3, &column_index, &col.f_unsqueeze(-1)?)?
            .f_scatter(2, &row_index, &row.f_unsqueeze(2)?)?;
        let flat_diag = at
            .f_mul_scalar(l + 1)?
            .f_view([1, n, 1])?
            .f_expand([heads, n, 1], false)?;
        let scores = scores
            .f_view([heads, n, l * l])?
            .f_scatter(2, &flat_diag, &diag.f_unsqueeze(-1)?)?
            .f_view([heads, n, l, l])?;
        let probs = scores.f_softmax(-1, Kind::Float)?;
        // probs · v: the base's values, plus the changed value's difference at column p
        let context = probs
            .f_view([heads, n * l, l])?
            .f_bmm(&v0)?
            .f_view([heads, n, l, d])?;
        let delta = vp.f_sub(&v0.f_index_select(1, changed)?)?.f_unsqueeze(2)?; // [heads, n, 1, d]
        let weight = probs.f_gather(3, &column_index, false)?; // [heads, n, L, 1]
        let context = context.f_add(&weight.f_mul(&delta)?)?;
        Ok(context
            .f_permute([1, 2, 0, 3])?
            .f_contiguous()?
            .f_view([n, l, heads * d])?)
    }
}
