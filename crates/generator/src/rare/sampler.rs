//! Drawing generated sequences with their exact log-probabilities, from the generator or
//! from an injury-seeking proposal: the generator with a bias added to the logits of
//! chosen tokens, mixed with the generator itself (a *defensive mixture*, whose weights
//! are bounded).

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use tch::Tensor;

use crate::generation::generate::{StopAt, StopReason};
use crate::generation::sampling::warped_probabilities;
use crate::io::tokenizer::TextTokenizer;

use super::error::{RareEventError, RareResult};
use super::sequence::{SequenceModel, to_vec};

/// An injury-seeking proposal `q = (1 − λ) p + λ p_b`: with probability `λ` a whole
/// completion is sampled from `p_b`, the generator with `bias` added to the logits of
/// the listed tokens (before temperature, top-k and top-p) at every step; otherwise from
/// the generator `p` itself. Every draw's `ln p` and `ln q` are exact, and
/// `w = p / q ≤ 1 / (1 − λ)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InjuryTilt {
    /// `(token id, logit bias)` pairs (a token listed twice gets the sum).
    pub logit_bias: Vec<(i64, f32)>,
    /// `λ` in `[0, 1)`: the share of draws taken from the biased generator.
    pub mixture: f64,
}

impl InjuryTilt {
    /// No tilt: the proposal is the generator (every log-weight is 0).
    pub fn none() -> Self {
        InjuryTilt {
            logit_bias: Vec::new(),
            mixture: 0.0,
        }
    }

    /// A bias of `bias` on the first token of each word, spelled at the start of a text
    /// and after a space (`"stab"`, `" stab"`), e.g. the story world's injury verbs.
    pub fn from_words<S: AsRef<str>>(
        tokenizer: &TextTokenizer,
        words: &[S],
        bias: f32,
        mixture: f64,
    ) -> RareResult<Self> {
        let mut ids: Vec<i64> = Vec::new();
        for w in words {
            let w = w.as_ref().trim();
            if w.is_empty() {
                continue;
            }
            for spelled in [w.to_string(), format!(" {w}")] {
                if let Some(&first) = tokenizer.encode(&spelled)?.first() {
                    ids.push(first);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(InjuryTilt {
            logit_bias: ids.into_iter().map(|id| (id, bias)).collect(),
            mixture,
        })
    }

    /// `ln` of the largest possible weight, `−ln(1 − λ)`.
    pub fn log_weight_bound(&self) -> f64 {
        -(-self.mixture).ln_1p()
    }

    /// Checks `λ` and the biases against a vocabulary.
    pub fn validate(&self, vocab_size: usize) -> RareResult<()> {
        if !(0.0..1.0).contains(&self.mixture) {
            return Err(RareEventError::setting(
                "mixture",
                format!(
                    "{} is not in [0, 1) (the generator itself must keep a share)",
                    self.mixture
                ),
            ));
        }
        for &(id, bias) in &self.logit_bias {
            if !(0..vocab_size as i64).contains(&id) || !bias.is_finite() {
                return Err(RareEventError::setting(
                    "logit_bias",
                    format!(
                        "({id}, {bias}): the token must be in the vocabulary of {vocab_size} and the bias finite"
                    ),
                ));
            }
        }
        Ok(())
    }

    fn dense(&self, vocab_size: usize) -> Vec<f32> {
        let mut dense = vec![0.0f32; vocab_size];
        for &(id, bias) in &self.logit_bias {
            dense[id as usize] += bias;
        }
        dense
    }
}

/// One generated sequence with its log-probabilities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightedDraw {
    /// Every token drawn (end-of-text excluded, before the sentence cut).
    pub tokens: Vec<i64>,
    /// How the sampler ended.
    pub stop: StopReason,
    /// `ln p`: under the generator.
    pub log_p: f64,
    /// `ln q`: under the proposal it was drawn from (`= log_p` without a tilt).
    pub log_q: f64,
}

impl WeightedDraw {
    /// `ln w = ln p − ln q` (−∞ when the generator cannot produce it).
    pub fn log_weight(&self) -> f64 {
        if self.log_p == f64::NEG_INFINITY {
            f64::NEG_INFINITY
        } else {
            self.log_p - self.log_q
        }
    }
}

/// Draws `count` sequences continuing `prompt_ids` (all rows share the prompt: one batch,
/// no padding, with the key/value cache), from the generator (`tilt = None`) or from
/// the proposal of `tilt`, with exact `ln p` and `ln q`.
pub fn draw_sequences(
    model: &SequenceModel<'_>,
    prompt_ids: &[i64],
    count: usize,
    tilt: Option<&InjuryTilt>,
    rng: &mut ChaCha8Rng,
) -> RareResult<Vec<WeightedDraw>> {
    if count == 0 {
        return Ok(Vec::new());
    }
    let neo = model.generator().model().config();
    let vocab = neo.vocab_size;
    let bias = match tilt {
        Some(t) if t.mixture > 0.0 => {
            t.validate(vocab)?;
            Some((t.dense(vocab), t.mixture))
        }
        Some(t) => {
            t.validate(vocab)?;
            None
        }
        None => None,
    };
    let budget = model.config().max_new_tokens;
    if prompt_ids.is_empty() || prompt_ids.len() + budget > neo.max_position_embeddings {
        return Err(RareEventError::setting(
            "prompt",
            format!(
                "{} prompt tokens plus {budget} new tokens do not fit the model's {} positions (use SequenceModel::prompt_ids)",
                prompt_ids.len(),
                neo.max_position_embeddings
            ),
        ));
    }
    // which rows draw from the biased generator
    let biased: Vec<bool> = (0..count)
        .map(|_| bias.as_ref().is_some_and(|(_, l)| rng.random::<f64>() < *l))
        .collect();
    let mut tokens: Vec<Vec<i64>> = vec![Vec::new(); count];
    let mut log_p = vec![0.0; count];
    let mut log_b = vec![0.0; count];
    let mut stops = vec![StopReason::Budget; count];

    let lm = model.generator().model();
    let _guard = tch::no_grad_guard();
    let mut cache = lm.new_cache();
    let n = count as i64;
    let input = Tensor::f_from_slice(prompt_ids)?
        .f_view([1, prompt_ids.len() as i64])?
        .f_repeat([n, 1])?
        .f_to_device(lm.device())?;
    let mut logits = lm
        .forward(&input, None, None, Some(&mut cache))?
        .f_select(1, -1)?;
    let mut active: Vec<usize> = (0..count).collect();
    for _ in 0..budget {
        let values = to_vec(&logits)?;
        let mut kept_rows: Vec<i64> = Vec::new();
        let mut chosen: Vec<i64> = Vec::new();
        for (r, &row) in active.iter().enumerate() {
            let raw = &values[r * vocab..(r + 1) * vocab];
            let p = warped_probabilities(raw, model.sampling());
            let b = match &bias {
                Some((dense, _)) => {
                    let tilted: Vec<f32> = raw.iter().zip(dense).map(|(l, d)| l + d).collect();
                    Some(warped_probabilities(&tilted, model.sampling()))
                }
                None => None,
            };
            let from = if biased[row] {
                b.as_deref().unwrap_or(&p)
            } else {
                &p
            };
            let token = draw_index(from, rng) as i64;
            if model.end_of_text().contains(&token) {
                log_p[row] += model.end_of_text_mass(&p).ln();
                if let Some(b) = &b {
                    log_b[row] += model.end_of_text_mass(b).ln();
                }
                stops[row] = StopReason::EndOfText;
                continue;
            }
            log_p[row] += p[token as usize].ln();
            if let Some(b) = &b {
                log_b[row] += b[token as usize].ln();
            }
            tokens[row].push(token);
            if model.config().stop == StopAt::Sentence
                && model.sentence_stop(&tokens[row])?.is_some()
            {
                stops[row] = StopReason::EndOfSentence;
                continue;
            }
            if tokens[row].len() >= budget {
                stops[row] = StopReason::Budget;
                continue;
            }
            kept_rows.push(r as i64);
            chosen.push(token);
        }
        if kept_rows.is_empty() {
            break;
        }
        if kept_rows.len() < active.len() {
            let rows = Tensor::f_from_slice(&kept_rows)?.f_to_device(lm.device())?;
            cache.select_rows(&rows)?;
            active = kept_rows.iter().map(|&r| active[r as usize]).collect();
        }
        let next = Tensor::f_from_slice(&chosen)?
            .f_view([chosen.len() as i64, 1])?
            .f_to_device(lm.device())?;
        logits = lm
            .forward(&next, None, None, Some(&mut cache))?
            .f_select(1, -1)?;
    }
    Ok((0..count)
        .map(|i| {
            let log_q = match &bias {
                Some((_, lambda)) => {
                    log_sum_exp((-lambda).ln_1p() + log_p[i], lambda.ln() + log_b[i])
                }
                None => log_p[i],
            };
            WeightedDraw {
                tokens: std::mem::take(&mut tokens[i]),
                stop: stops[i],
                log_p: log_p[i],
                log_q,
            }
        })
        .collect())
}

/// `ln(e^a + e^b)`, exact when either is −∞.
fn log_sum_exp(a: f64, b: f64) -> f64 {
    let m = a.max(b);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + ((a - m).exp() + (b - m).exp()).ln()
}

/// An index drawn with the given probabilities (one uniform number; the last possible
/// index if rounding leaves the total a hair under it).
pub(crate) fn draw_index(probs: &[f64], rng: &mut ChaCha8Rng) -> usize {
    let u: f64 = rng.random();
    let mut cumulative = 0.0;
    let mut last = 0;
    for (i, &p) in probs.iter().enumerate() {
        if p > 0.0 {
            cumulative += p;
            last = i;
            if u < cumulative {
                return i;
            }
        }
    }
    last
}
