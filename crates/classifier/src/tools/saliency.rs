//! Saliency as the paper defines it (§4.3): for each token, the magnitude (L2 norm) of the
//! gradient of the classifier's output with respect to that token's embedding.
//!
//! The output differentiated is the log-odds of P(injurious), `log p − log(1 − p)` (for a
//! one-logit head, the logit): a linear function of the logits whose gradient does not
//! vanish when p is near 0 or 1, where the attackers work. The embedding is the word
//! embedding (`inputs_embeds` of `transformers`), before positions, projection and
//! LayerNorm. A batch is one backward pass: examples do not interact in evaluation mode,
//! so the gradient of the batch's summed output is each example's own gradient.
//!
//! Per word (a maximal run of non-whitespace characters in the prompt, completion or
//! text), the saliency is the L2 norm of the gradients of all its tokens' embeddings
//! together: `sqrt(Σ saliency²)` over the tokens that overlap the word.

use serde::{Deserialize, Serialize};
use tch::{Kind, Tensor};

use crate::error::{ClassifierError, Result};
use crate::tools::encoding::{EncodedInput, ModelInput, Segment};
use crate::tools::injuriousness::{InjuriousOutput, InjuriousnessClassifier};
use crate::tools::scoring::{BatchOptions, Score, length_buckets, logits_rows};

/// The saliency of one token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenSaliency {
    /// The vocabulary entry.
    pub piece: String,
    /// The text it comes from.
    pub segment: Segment,
    /// Character offsets in that text (0, 0 for special tokens).
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// `‖∂ output / ∂ embedding‖₂`.
    pub saliency: f64,
}

/// The saliency of one word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WordSaliency {
    /// The word as written.
    pub word: String,
    /// The text it is in.
    pub segment: Segment,
    /// Character offsets in that text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// `sqrt(Σ saliency²)` over the word's tokens.
    pub saliency: f64,
}

/// Score and saliency of one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saliency {
    /// The score (same as [`InjuriousnessClassifier::score_batch`] gives).
    pub score: Score,
    /// Per token, in sequence order (special tokens included).
    pub tokens: Vec<TokenSaliency>,
    /// Per word, prompt words then completion words (or the text's words).
    pub words: Vec<WordSaliency>,
}

/// Per member of a batch: its logits and the gradient norm at each of its tokens.
type BatchGradients = (Vec<Vec<f32>>, Vec<Vec<f64>>);

impl InjuriousnessClassifier {
    /// Scores and saliencies of inputs, in batches of similar length; in input order.
    pub fn saliency_batch(
        &self,
        inputs: &[ModelInput],
        options: &BatchOptions,
    ) -> Result<Vec<Saliency>> {
        options.validate()?;
        let encoded = self.encode(inputs)?;
        let mut out: Vec<Option<Saliency>> = vec![None; inputs.len()];
        let lengths: Vec<usize> = encoded.iter().map(EncodedInput::len).collect();
        for bucket in length_buckets(&lengths, options) {
            let members: Vec<&EncodedInput> = bucket.iter().map(|&i| &encoded[i]).collect();
            let (rows, grads) = self.gradients(&members)?;
            for (k, &i) in bucket.iter().enumerate() {
                let e = members[k];
                let tokens: Vec<TokenSaliency> = e
                    .tokens
                    .iter()
                    .zip(&grads[k])
                    .map(|(t, &g)| TokenSaliency {
                        piece: t.piece.clone(),
                        segment: t.segment,
                        start: t.start,
                        end: t.end,
                        saliency: g,
                    })
                    .collect();
                let score = Score {
                    p_injurious: self.output().probability(&rows[k]),
                    logits: rows[k].clone(),
                    tokens: e.len(),
                    truncated_tokens: e.truncated_tokens,
                };
                out[i] = Some(Saliency {
                    score,
                    words: word_saliency(&inputs[i], &tokens),
                    tokens,
                });
            }
        }
        out.into_iter()
            .enumerate()
            .map(|(i, s)| {
                s.ok_or_else(|| ClassifierError::Input {
                    index: i,
                    message: "no saliency computed".into(),
                })
            })
            .collect()
    }

    /// Logit rows and per-token gradient norms of one batch.
    fn gradients(&self, members: &[&EncodedInput]) -> Result<BatchGradients> {
        let batch = self.batch_of(members)?;
        let model = self.model();
        let embeds = model
            .deberta
            .word_embeddings(&batch.input_ids)?
            .f_detach()?
            .set_requires_grad(true);
        let logits = model.forward_embeds(
            &embeds,
            Some(&batch.token_type_ids),
            &batch.attention_mask,
            false,
        )?;
        let output = match self.output() {
            InjuriousOutput::SingleLogit => logits.f_select(1, 0)?,
            InjuriousOutput::Class(c) => {
                // log p − log(1 − p) = z_c − logsumexp(z_others)
                let log_probs = logits.f_log_softmax(1, Kind::Float)?;
                let log_p = log_probs.f_select(1, c as i64)?;
                let log_not_p = if logits.size()[1] == 1 {
                    Tensor::f_zeros_like(&log_p)?
                } else {
                    let others: Vec<i64> =
                        (0..logits.size()[1]).filter(|&j| j != c as i64).collect();
                    let idx = Tensor::f_from_slice(&others)?.f_to(logits.device())?;
                    log_probs.f_index_select(1, &idx)?.f_logsumexp([1], false)?
                };
                log_p.f_sub(&log_not_p)?
            }
        };
        let total = output.f_sum(Kind::Float)?;
        let grads = Tensor::f_run_backward(&[&total], &[&embeds], false, false)?;
        let grad = grads
            .into_iter()
            .next()
            .ok_or_else(|| ClassifierError::Setting("no gradient returned".into()))?;
        let norms = grad.f_norm_scalaropt_dim(2.0, [-1i64].as_slice(), false)?;
        let (b, t) = norms.size2()?;
        let flat: Vec<f32> = Vec::<f32>::try_from(norms.f_to_kind(Kind::Float)?.f_flatten(0, -1)?)?;
        let per_row: Vec<Vec<f64>> = (0..b as usize)
            .map(|r| {
                let row = &flat[r * t as usize..(r + 1) * t as usize];
                row[..members[r].len()]
                    .iter()
                    .map(|&x| f64::from(x))
                    .collect()
            })
            .collect();
        let rows = tch::no_grad(|| logits_rows(&logits.detach()))?;
        Ok((rows, per_row))
    }
}

/// Aggregates token saliencies onto the whitespace-separated words of each segment.
fn word_saliency(input: &ModelInput, tokens: &[TokenSaliency]) -> Vec<WordSaliency> {
    let segments: &[Segment] = match input {
        ModelInput::Snippet(_) => &[Segment::Prompt, Segment::Completion],
        ModelInput::Text { .. } => &[Segment::Text],
    };
    let mut out = Vec::new();
    for &segment in segments {
        let Some(text) = input.segment_text(segment) else {
            continue;
        };
        for (start, end, word) in words(text) {
            let sum_sq: f64 = tokens
                .iter()
                .filter(|t| t.segment == segment && t.start < end && t.end > start)
                .map(|t| t.saliency * t.saliency)
                .sum();
            out.push(WordSaliency {
                word,
                segment,
                start,
                end,
                saliency: sum_sq.sqrt(),
            });
        }
    }
    out
}

/// `(start, end, word)` of each maximal run of non-whitespace characters (char offsets).
pub(crate) fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, ch) in text.chars().enumerate() {
        if ch.is_whitespace() {
            if let Some((s, w)) = current.take() {
                out.push((s, i, w));
            }
        } else {
            match &mut current {
                Some((_, w)) => w.push(ch),
                None => current = Some((i, ch.to_string())),
            }
        }
    }
    if let Some((s, w)) = current {
        let n = text.chars().count();
        out.push((s, n, w));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_whitespace_runs_with_char_offsets() {
        let w = words("  Él cortó\tla  cuerda.");
        let spans: Vec<(usize, usize, &str)> =
            w.iter().map(|(s, e, t)| (*s, *e, t.as_str())).collect();
        assert_eq!(
            spans,
            vec![
                (2, 4, "Él"),
                (5, 10, "cortó"),
                (11, 13, "la"),
                (15, 22, "cuerda.")
            ]
        );
    }

    #[test]
    fn word_saliency_is_the_norm_over_its_tokens() {
        let input = ModelInput::snippet("a bc", "d");
        let tok = |segment, start, end, saliency| TokenSaliency {
            piece: String::new(),
            segment,
            start,
            end,
            saliency,
        };
        let tokens = vec![
            tok(Segment::Special, 0, 0, 9.0),
            tok(Segment::Prompt, 0, 1, 1.0),
            tok(Segment::Prompt, 1, 3, 3.0), // "▁b" with its space
            tok(Segment::Prompt, 3, 4, 4.0), // "c"
            tok(Segment::Completion, 0, 1, 2.0),
        ];
        let w = word_saliency(&input, &tokens);
        let values: Vec<f64> = w.iter().map(|w| w.saliency).collect();
        // "a": 1; "bc": sqrt(3² + 4²) = 5; "d": 2 (by hand)
        assert_eq!(values, vec![1.0, 5.0, 2.0]);
    }
}
