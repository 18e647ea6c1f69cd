//! The generator as a probability distribution over whole generated sequences: which
//! token sequences its sampler can produce, how each ends, the completion it yields, and
//! its exact log-probability (by teacher forcing, batched).
//!
//! A *generated sequence* is every token the sampler drew before it stopped, end-of-text
//! excluded, **before** the cut at the sentence end: the sampler runs a token or two past
//! a sentence's end to confirm it ([`crate::sentence_end`]) and drops them from the
//! [`Completion`], but they were drawn, so they belong to the random object whose
//! probability is computed. The completion is a function of the sequence.

use tch::{Kind, Tensor};

use crate::error::GeneratorError;
use crate::generation::completion::{Completion, Generator};
use crate::generation::generate::{GenerationConfig, StopAt, StopReason};
use crate::generation::sampling::{Decoding, SamplingConfig, warped_probabilities};
use crate::generation::sentence::sentence_end;

use super::error::{RareEventError, RareResult};

/// Sequences scored per forward pass.
const CHUNK: usize = 32;

/// The generator's sampler as a distribution: the model, its tokenizer and the
/// [`GenerationConfig`] its completions are sampled with (the filtered generator's).
///
/// The log-probability of a sequence `g_1 … g_m` is
/// `Σ_j ln P̃(g_j | prompt, g_<j)` (+ `ln Σ_e P̃(e | prompt, g)` over the end-of-text ids
/// when it ended there), where `P̃` is the distribution sampling draws from
/// ([`warped_probabilities`]: temperature, top-k, top-p), and it is −∞ for a sequence the
/// sampler cannot produce (an end-of-text id inside it, a sentence end before its last
/// token, more tokens than the budget, a token outside the top-k/top-p set).
pub struct SequenceModel<'g> {
    generator: &'g Generator,
    config: GenerationConfig,
    sampling: SamplingConfig,
}

impl<'g> SequenceModel<'g> {
    /// The distribution of `generator`'s completions under `config`, which must sample
    /// (greedy decoding has no distribution to estimate rates under).
    pub fn new(generator: &'g Generator, config: &GenerationConfig) -> RareResult<Self> {
        config.validate()?;
        let Decoding::Sample(sampling) = config.decoding else {
            return Err(RareEventError::setting(
                "decoding",
                "rare-event estimation needs a sampling generator, not greedy decoding",
            ));
        };
        Ok(SequenceModel {
            generator,
            config: *config,
            sampling,
        })
    }

    /// The generator.
    pub fn generator(&self) -> &'g Generator {
        self.generator
    }

    /// The generation settings.
    pub fn config(&self) -> &GenerationConfig {
        &self.config
    }

    /// The sampling settings (temperature, top-k, top-p).
    pub fn sampling(&self) -> &SamplingConfig {
        &self.sampling
    }

    /// The end-of-text ids.
    pub fn end_of_text(&self) -> &[i64] {
        &self.generator.model().config().eos_token_id
    }

    /// The token ids a prompt starts from (the beginning-of-text token for an empty
    /// prompt, as the sampler does). Errors when the prompt plus the token budget exceeds
    /// the model's positions.
    pub fn prompt_ids(&self, prompt: &str) -> RareResult<Vec<i64>> {
        let neo = self.generator.model().config();
        let mut ids = self.generator.tokenizer().encode(prompt)?;
        if ids.is_empty() {
            let bos = neo.bos_token_id.ok_or_else(|| {
                GeneratorError::Input(
                    "empty prompt and no bos_token_id in the config to start from".into(),
                )
            })?;
            ids.push(bos);
        }
        if ids.len() + self.config.max_new_tokens > neo.max_position_embeddings {
            return Err(GeneratorError::Input(format!(
                "a prompt of {} tokens plus {} new tokens exceeds the model's {} positions",
                ids.len(),
                self.config.max_new_tokens,
                neo.max_position_embeddings
            ))
            .into());
        }
        Ok(ids)
    }

    /// When generating with sentence stops: `Some(n)` when the tokens so far complete a
    /// sentence (the first `n` tokens reach its end), exactly as the sampler decides.
    pub fn sentence_stop(&self, tokens: &[i64]) -> RareResult<Option<usize>> {
        if self.config.stop != StopAt::Sentence || tokens.is_empty() {
            return Ok(None);
        }
        let text = self.generator.tokenizer().decode(tokens)?;
        match sentence_end(&text) {
            Some(end) => Ok(Some(self.tokens_to(tokens, &text, end)?)),
            None => Ok(None),
        }
    }

    /// The fewest leading tokens whose text reaches byte `end` of `text` (the text of all
    /// of `tokens`), as the sampler counts them. For ASCII text, where decoding is
    /// concatenation (byte-level BPE), prefix lengths grow with the number of tokens, so
    /// the search runs down from the end (one or two decodes); otherwise up from 1.
    fn tokens_to(&self, tokens: &[i64], text: &str, end: usize) -> RareResult<usize> {
        let tokenizer = self.generator.tokenizer();
        if text.is_ascii() {
            let mut n = tokens.len();
            while n > 1 && tokenizer.decode(&tokens[..n - 1])?.len() >= end {
                n -= 1;
            }
            return Ok(n);
        }
        for n in 1..=tokens.len() {
            if tokenizer.decode(&tokens[..n])?.len() >= end {
                return Ok(n);
            }
        }
        Ok(tokens.len())
    }

    /// How the sampler would have ended after drawing `tokens`, or `None` if it cannot
    /// have drawn them (an end-of-text id among them, a sentence that ended earlier, more
    /// tokens than the budget, an id outside the vocabulary).
    ///
    /// The sampler checks for a sentence end after every token. When the text is ASCII
    /// and the text of all but the last token is a prefix of it (decoding is
    /// concatenation), a sentence end confirmed after fewer tokens would still be
    /// confirmed after all but the last, so two decodes settle it; otherwise every
    /// prefix is decoded, as the sampler does.
    pub fn ending(&self, tokens: &[i64]) -> RareResult<Option<StopReason>> {
        let vocab = self.generator.model().config().vocab_size as i64;
        let m = tokens.len();
        if m > self.config.max_new_tokens
            || tokens
                .iter()
                .any(|t| self.end_of_text().contains(t) || !(0..vocab).contains(t))
        {
            return Ok(None);
        }
        let budget_or_text = if m == self.config.max_new_tokens {
            StopReason::Budget
        } else {
            StopReason::EndOfText
        };
        if m == 0 || self.config.stop != StopAt::Sentence {
            return Ok(Some(if m == 0 {
                StopReason::EndOfText
            } else {
                budget_or_text
            }));
        }
        let tokenizer = self.generator.tokenizer();
        let text = tokenizer.decode(tokens)?;
        if m > 1 {
            let before = tokenizer.decode(&tokens[..m - 1])?;
            if sentence_end(&before).is_some() {
                return Ok(None);
            }
            let concatenative = text.is_ascii() && text.starts_with(&before);
            if !concatenative {
                for j in 1..m - 1 {
                    if self.sentence_stop(&tokens[..j])?.is_some() {
                        return Ok(None);
                    }
                }
            }
        }
        Ok(Some(if sentence_end(&text).is_some() {
            StopReason::EndOfSentence
        } else {
            budget_or_text
        }))
    }

    /// The completion the sampler returns for a generated sequence (what
    /// [`Generator::complete`] gives): cut at the sentence end, trimmed. `None` for a
    /// sequence it cannot produce.
    pub fn completion(&self, tokens: &[i64]) -> RareResult<Option<Completion>> {
        let Some(stop) = self.ending(tokens)? else {
            return Ok(None);
        };
        let kept = match stop {
            StopReason::EndOfSentence => self.sentence_stop(tokens)?.unwrap_or(tokens.len()),
            _ => tokens.len(),
        };
        let token_ids = tokens[..kept].to_vec();
        let text = self.generator.tokenizer().decode(&token_ids)?;
        let text = match (stop, sentence_end(&text)) {
            (StopReason::EndOfSentence, Some(end)) => text[..end].trim().to_string(),
            _ => text.trim().to_string(),
        };
        Ok(Some(Completion {
            text,
            token_ids,
            stop,
        }))
    }

    /// `ln P(tokens | prompt)` of one generated sequence (see the type's docs).
    pub fn log_prob(&self, prompt_ids: &[i64], tokens: &[i64]) -> RareResult<f64> {
        Ok(self.log_probs(&[(prompt_ids, tokens)])?[0])
    }

    /// [`SequenceModel::log_prob`] of each `(prompt ids, tokens)` pair, batched
    /// (right-padded teacher forcing, 32 sequences per forward pass).
    pub fn log_probs(&self, items: &[(&[i64], &[i64])]) -> RareResult<Vec<f64>> {
        let mut out = vec![f64::NEG_INFINITY; items.len()];
        let mut valid = Vec::new();
        for (i, (prompt, tokens)) in items.iter().enumerate() {
            if prompt.is_empty() {
                return Err(GeneratorError::Input(
                    "empty prompt ids (use SequenceModel::prompt_ids)".into(),
                )
                .into());
            }
            if let Some(stop) = self.ending(tokens)? {
                valid.push((i, stop));
            }
        }
        for chunk in valid.chunks(CHUNK) {
            let rows: Vec<Vec<i64>> = chunk
                .iter()
                .map(|&(i, _)| [items[i].0, items[i].1].concat())
                .collect();
            let logits = self.forward_padded(&rows)?;
            for (row, &(i, stop)) in chunk.iter().enumerate() {
                let (prompt, tokens) = items[i];
                let first = prompt.len() - 1;
                let positions = tokens.len() + usize::from(stop == StopReason::EndOfText);
                let table =
                    logits
                        .f_get(row as i64)?
                        .f_narrow(0, first as i64, positions as i64)?;
                let values = to_vec(&table)?;
                let vocab = values.len() / positions;
                let mut total = 0.0;
                for (j, &t) in tokens.iter().enumerate() {
                    let probs =
                        warped_probabilities(&values[j * vocab..(j + 1) * vocab], &self.sampling);
                    total += probs[t as usize].ln();
                }
                if stop == StopReason::EndOfText {
                    let j = tokens.len();
                    let probs =
                        warped_probabilities(&values[j * vocab..(j + 1) * vocab], &self.sampling);
                    total += self.end_of_text_mass(&probs).ln();
                }
                out[i] = total;
            }
        }
        Ok(out)
    }

    /// The distribution sampling draws the next token from after each `prompt ids ++
    /// prefix` (batched): one probability per vocabulary entry, end-of-text included.
    pub fn next_token_probabilities(
        &self,
        items: &[(&[i64], &[i64])],
    ) -> RareResult<Vec<Vec<f64>>> {
        let mut out = Vec::with_capacity(items.len());
        for chunk in items.chunks(CHUNK) {
            let rows: Vec<Vec<i64>> = chunk.iter().map(|(p, g)| [*p, *g].concat()).collect();
            if rows.iter().any(Vec::is_empty) {
                return Err(
                    GeneratorError::Input("an empty prefix has no next token".into()).into(),
                );
            }
            let logits = self.forward_padded(&rows)?;
            for (row, ids) in rows.iter().enumerate() {
                let last = logits.f_get(row as i64)?.f_get(ids.len() as i64 - 1)?;
                out.push(warped_probabilities(&to_vec(&last)?, &self.sampling));
            }
        }
        Ok(out)
    }

    /// `Σ_e P(e)` over the end-of-text ids of one next-token distribution.
    pub fn end_of_text_mass(&self, probs: &[f64]) -> f64 {
        self.end_of_text()
            .iter()
            .filter_map(|&e| probs.get(e as usize))
            .sum()
    }

    /// Logits `[rows, longest, vocab]` of right-padded rows (causal attention: padding
    /// after a row's tokens never changes them; positions count from 0 in every row).
    fn forward_padded(&self, rows: &[Vec<i64>]) -> RareResult<Tensor> {
        let model = self.generator.model();
        let longest = rows.iter().map(Vec::len).max().unwrap_or(0);
        if longest > model.config().max_position_embeddings {
            return Err(GeneratorError::Input(format!(
                "a sequence of {longest} tokens exceeds the model's {} positions",
                model.config().max_position_embeddings
            ))
            .into());
        }
        let pad = model.config().padding_token();
        let mut ids = Vec::with_capacity(rows.len() * longest);
        for r in rows {
            ids.extend(
                r.iter()
                    .copied()
                    .chain(std::iter::repeat_n(pad, longest - r.len())),
            );
        }
        let input = Tensor::f_from_slice(&ids)?.f_view([rows.len() as i64, longest as i64])?;
        Ok(model
            .forward(&input, None, None, None)?
            .f_to_kind(Kind::Float)?
            .f_to_device(tch::Device::Cpu)?)
    }
}

/// A float tensor's values, flattened.
pub(crate) fn to_vec(t: &Tensor) -> RareResult<Vec<f32>> {
    Ok(Vec::<f32>::try_from(
        t.f_to_kind(Kind::Float)?
            .f_to_device(tch::Device::Cpu)?
            .f_flatten(0, -1)?,
    )?)
}
