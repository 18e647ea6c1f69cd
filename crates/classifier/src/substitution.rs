//! Substitution scoring, the rewriting tool's hot loop: the scores of an input with each of
//! many single-token substitutions made alone (e.g. 32 candidates at each of 96 positions).
//!
//! Every variant has the base's length, so batches are built straight from the base's ids
//! (no tokenization, no padding, no mask) and can be larger than for inputs of mixed
//! lengths: [`BatchOptions::max_batch_tokens`] alone bounds them. The model computes what
//! [`DebertaForSequenceClassification::forward`](crate::DebertaForSequenceClassification::forward)
//! computes for each variant — only the distances the sequence has, the last layer at
//! token 0 only — so the scores are those of scoring each variant on its own (a test
//! checks them against full forwards to 1e-4).

use serde::{Deserialize, Serialize};
use tch::{Kind, Tensor};

use crate::classifier::InjuriousnessClassifier;
use crate::encoding::EncodedInput;
use crate::error::{ClassifierError, Result};
use crate::scoring::{BatchOptions, Score, logits_rows};

/// One token substitution: the token at `position` of the base input becomes `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Substitution {
    /// Index of the token in the encoded input (`[CLS]` is 0).
    pub position: usize,
    /// The new token's vocabulary id.
    pub id: i64,
}

impl InjuriousnessClassifier {
    /// The score of `base` with each substitution made alone, in the order given.
    ///
    /// Batches hold at most `options.max_batch_tokens / base.len()` variants (at least
    /// one): `max_batch_size` is not applied, since equal lengths waste nothing on padding.
    pub fn score_substitutions(
        &self,
        base: &EncodedInput,
        substitutions: &[Substitution],
        options: &BatchOptions,
    ) -> Result<Vec<Score>> {
        options.validate()?;
        let length = base.len();
        if length == 0 {
            return Err(ClassifierError::Input {
                index: 0,
                message: "the base input has no tokens".into(),
            });
        }
        let vocab = self.model().config().vocab_size;
        for (i, s) in substitutions.iter().enumerate() {
            if s.position >= length || !(0..vocab).contains(&s.id) {
                return Err(ClassifierError::Input {
                    index: i,
                    message: format!(
                        "substitution of token {} at position {} does not fit an input of {length} tokens and a vocabulary of {vocab}",
                        s.id, s.position
                    ),
                });
            }
        }
        let device = self.device();
        let l = length as i64;
        let base_ids = Tensor::f_from_slice(&base.ids())?
            .f_view([1, l])?
            .f_to(device)?;
        let base_types = Tensor::f_from_slice(&base.type_ids)?
            .f_view([1, l])?
            .f_to(device)?;
        let per_batch = (options.max_batch_tokens / length).max(1);
        let _guard = tch::no_grad_guard();
        let mut out = Vec::with_capacity(substitutions.len());
        for chunk in substitutions.chunks(per_batch) {
            let n = chunk.len() as i64;
            let positions: Vec<i64> = chunk.iter().map(|s| s.position as i64).collect();
            let ids: Vec<i64> = chunk.iter().map(|s| s.id).collect();
            let input_ids = base_ids
                .f_expand([n, l], false)?
                .f_contiguous()?
                .f_scatter(
                    1,
                    &Tensor::f_from_slice(&positions)?
                        .f_view([n, 1])?
                        .f_to(device)?,
                    &Tensor::f_from_slice(&ids)?.f_view([n, 1])?.f_to(device)?,
                )?;
            let batch = crate::model::Batch {
                input_ids,
                token_type_ids: base_types.f_expand([n, l], false)?,
                attention_mask: Tensor::f_ones([n, l], (Kind::Int64, device))?,
            };
            let logits = self.model().forward(&batch, false)?;
            for row in logits_rows(&logits)? {
                out.push(Score {
                    p_injurious: self.output().probability(&row),
                    logits: row,
                    tokens: length,
                    truncated_tokens: base.truncated_tokens,
                });
            }
        }
        Ok(out)
    }
}
