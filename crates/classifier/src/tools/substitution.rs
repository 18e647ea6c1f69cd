//! Substitution scoring, the rewriting tool's hot loop: the scores of an input with each of
//! many single-token substitutions made alone (e.g. 32 candidates at each of 96 positions).
//!
//! Every variant has the base's length, so batches are built straight from the base's ids
//! (no tokenization, no padding, no mask). The model computes what
//! [`DebertaForSequenceClassification::forward`](crate::model::sequence_classification::DebertaForSequenceClassification::forward)
//! computes for each variant — only the distances the sequence has, the last layer at
//! token 0 only — and shares the first layer's work across the variants: their inputs
//! differ from the base at one token, so their projections and attention scores differ
//! only there (its row and column of the scores), and those are all that is computed per
//! variant ([`DebertaForSequenceClassification::forward_substitutions`](crate::model::sequence_classification::DebertaForSequenceClassification::forward_substitutions)).
//! The scores are those of scoring each variant on its own: a test checks them against
//! full forwards to 1e-4.

use serde::{Deserialize, Serialize};
use tch::{Kind, Tensor};

use crate::error::{ClassifierError, Result};
use crate::tools::encoding::EncodedInput;
use crate::tools::injuriousness::InjuriousnessClassifier;
use crate::tools::scoring::{BatchOptions, Score, logits_rows};

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
    /// Batches hold at most `options.max_batch_size` variants and
    /// `options.max_batch_tokens / base.len()` (at least one): larger batches are no
    /// faster on a CPU (measured: the same time per variant from 16 to 64, more beyond).
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
        let base_batch = crate::model::deberta::Batch {
            input_ids: Tensor::f_from_slice(&base.ids())?
                .f_view([1, l])?
                .f_to(device)?,
            token_type_ids: Tensor::f_from_slice(&base.type_ids)?
                .f_view([1, l])?
                .f_to(device)?,
            attention_mask: Tensor::f_ones([1, l], (Kind::Int64, device))?,
        };
        let per_batch = (options.max_batch_tokens / length)
            .min(options.max_batch_size)
            .max(1);
        let _guard = tch::no_grad_guard();
        let mut out = Vec::with_capacity(substitutions.len());
        for chunk in substitutions.chunks(per_batch) {
            let positions: Vec<i64> = chunk.iter().map(|s| s.position as i64).collect();
            let ids: Vec<i64> = chunk.iter().map(|s| s.id).collect();
            let changed = Tensor::f_from_slice(&positions)?.f_to(device)?;
            let ids = Tensor::f_from_slice(&ids)?.f_to(device)?;
            let logits = self
                .model()
                .forward_substitutions(&base_batch, &changed, &ids)?;
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
