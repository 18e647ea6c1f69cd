//! Batched scoring under no-grad: inputs are sorted by length and cut into batches so that
//! little padding is computed, and the scores come back in input order.

use serde::{Deserialize, Serialize};
use tch::{Kind, Tensor};

use crate::error::{ClassifierError, Result};
use crate::model::deberta::Batch;
use crate::tools::encoding::{EncodedInput, ModelInput};
use crate::tools::injuriousness::InjuriousnessClassifier;

/// Limits on one forward pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchOptions {
    /// Most sequences per batch.
    pub max_batch_size: usize,
    /// Most padded tokens per batch (`batch size × longest length`).
    pub max_batch_tokens: usize,
}

impl Default for BatchOptions {
    /// 32 sequences and 8,192 padded tokens per batch.
    fn default() -> Self {
        BatchOptions {
            max_batch_size: 32,
            max_batch_tokens: 8192,
        }
    }
}

impl BatchOptions {
    pub(crate) fn validate(&self) -> Result<()> {
        if self.max_batch_size == 0 || self.max_batch_tokens == 0 {
            return Err(ClassifierError::Setting(format!(
                "batch limits must be positive, got {self:?}"
            )));
        }
        Ok(())
    }
}

/// The classifier's verdict on one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// The raw logits, one per class.
    pub logits: Vec<f32>,
    /// P(injurious).
    pub p_injurious: f64,
    /// Tokens the model read, special tokens included.
    pub tokens: usize,
    /// Tokens dropped from the start of the prompt to fit the length limit.
    pub truncated_tokens: usize,
}

/// Groups of indices into `lengths`, each a batch: sorted by length (ties in input order),
/// cut where either limit of `options` would be passed. Every index appears once.
pub fn length_buckets(lengths: &[usize], options: &BatchOptions) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| lengths[i]);
    let mut batches: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for i in order {
        let longest = lengths[i].max(1);
        let fits = current.len() < options.max_batch_size
            && (current.len() + 1) * longest <= options.max_batch_tokens;
        if !fits && !current.is_empty() {
            batches.push(std::mem::take(&mut current));
        }
        current.push(i);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
}

impl InjuriousnessClassifier {
    /// Scores inputs (no gradients), in batches of similar length; results in input order.
    pub fn score_batch(&self, inputs: &[ModelInput], options: &BatchOptions) -> Result<Vec<Score>> {
        let encoded = self.encode(inputs)?;
        self.score_encoded(&encoded, options)
    }

    /// Scores one input.
    pub fn score(&self, input: &ModelInput) -> Result<Score> {
        let mut scores = self.score_batch(std::slice::from_ref(input), &BatchOptions::default())?;
        scores
            .pop()
            .ok_or_else(|| ClassifierError::Setting("scoring returned nothing".into()))
    }

    /// Scores already-encoded inputs.
    pub fn score_encoded(
        &self,
        encoded: &[EncodedInput],
        options: &BatchOptions,
    ) -> Result<Vec<Score>> {
        options.validate()?;
        let _guard = tch::no_grad_guard();
        let lengths: Vec<usize> = encoded.iter().map(EncodedInput::len).collect();
        let mut out: Vec<Option<Score>> = vec![None; encoded.len()];
        for bucket in length_buckets(&lengths, options) {
            let members: Vec<&EncodedInput> = bucket.iter().map(|&i| &encoded[i]).collect();
            let batch = self.batch_of(&members)?;
            let logits = self.model().forward(&batch, false)?;
            let rows = logits_rows(&logits)?;
            for ((&i, row), e) in bucket.iter().zip(rows).zip(&members) {
                out[i] = Some(Score {
                    p_injurious: self.output().probability(&row),
                    logits: row,
                    tokens: e.len(),
                    truncated_tokens: e.truncated_tokens,
                });
            }
        }
        out.into_iter()
            .enumerate()
            .map(|(i, s)| {
                s.ok_or_else(|| ClassifierError::Input {
                    index: i,
                    message: "was not scored".into(),
                })
            })
            .collect()
    }

    /// A padded batch of encoded inputs on the model's device.
    pub(crate) fn batch_of(&self, members: &[&EncodedInput]) -> Result<Batch> {
        let ids: Vec<Vec<i64>> = members.iter().map(|e| e.ids()).collect();
        let pairs: Vec<(&[i64], &[i64])> = ids
            .iter()
            .zip(members)
            .map(|(ids, e)| (ids.as_slice(), e.type_ids.as_slice()))
            .collect();
        Batch::from_sequences(&pairs, self.tokenizer().special_ids().pad, self.device())
    }
}

/// `[batch, classes]` logits as rows of f32.
pub(crate) fn logits_rows(logits: &Tensor) -> Result<Vec<Vec<f32>>> {
    let (rows, cols) = logits.size2()?;
    let flat: Vec<f32> = Vec::<f32>::try_from(logits.f_to_kind(Kind::Float)?.f_flatten(0, -1)?)?;
    Ok((0..rows as usize)
        .map(|r| flat[r * cols as usize..(r + 1) * cols as usize].to_vec())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_respect_both_limits_and_cover_every_input() {
        let lengths = [5, 30, 7, 30, 6, 100, 8];
        let options = BatchOptions {
            max_batch_size: 3,
            max_batch_tokens: 64,
        };
        let buckets = length_buckets(&lengths, &options);
        // sorted: 5(0) 6(4) 7(2) | 8(6) 30(1) | 30(3) | 100(5): 2 × 30 = 60 fits, 3 × 30 does not
        assert_eq!(buckets, vec![vec![0, 4, 2], vec![6, 1], vec![3], vec![5]]);
        let mut all: Vec<usize> = buckets.concat();
        all.sort();
        assert_eq!(all, (0..lengths.len()).collect::<Vec<_>>());
    }
}
