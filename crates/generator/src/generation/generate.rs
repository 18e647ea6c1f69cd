//! Batched generation of token ids: prompts of different lengths are left-padded into one
//! batch (positions `cumsum(mask) - 1`, as transformers' `generate`), decoded step by
//! step with or without the key/value cache, and each sequence stops on its own.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use tch::{Kind, Tensor};

use crate::error::{GeneratorError, Result};
use crate::generation::sampling::{
    Decoding, SamplingConfig, argmax, sample_probabilities, sample_with,
};
use crate::model::gpt_neo::{GptNeo, positions_from_mask};

/// What ends a completion besides end of text (which always does) and the token budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopAt {
    /// The end of the first sentence (see [`crate::sentence_end`]).
    Sentence,
    /// Nothing: run to end of text or to the budget.
    Budget,
}

/// Settings of one generation call.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GenerationConfig {
    /// The most tokens generated per prompt (at least 1).
    pub max_new_tokens: usize,
    /// Greedy or sampled.
    pub decoding: Decoding,
    /// Whether to stop at the end of the first sentence.
    pub stop: StopAt,
    /// Decode incrementally with the key/value cache (the same tokens, much faster).
    pub use_cache: bool,
}

impl Default for GenerationConfig {
    /// One sampled sentence of at most 48 tokens, cached.
    fn default() -> Self {
        GenerationConfig {
            max_new_tokens: 48,
            decoding: Decoding::Sample(SamplingConfig::default()),
            stop: StopAt::Sentence,
            use_cache: true,
        }
    }
}

impl GenerationConfig {
    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        if self.max_new_tokens == 0 {
            return Err(GeneratorError::setting(
                "max_new_tokens",
                "must be at least 1",
            ));
        }
        self.decoding.validate()
    }
}

/// Why a sequence stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// The model produced an end-of-text token (not included in the output).
    EndOfText,
    /// The first sentence ended.
    EndOfSentence,
    /// `max_new_tokens` were generated.
    Budget,
}

/// The new tokens of one prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratedTokens {
    /// Generated ids, prompt excluded (end-of-text excluded; cut after the sentence end
    /// when stopped there).
    pub tokens: Vec<i64>,
    /// Why generation stopped.
    pub stop: StopReason,
}

/// Decides, from the tokens generated so far, whether the sentence has ended: `Some(n)`
/// keeps the first `n` tokens and stops.
pub type SentenceCheck<'a> = dyn FnMut(&[i64]) -> Result<Option<usize>> + 'a;

/// Generates continuations of every prompt (token ids) in one left-padded batch.
///
/// `end_of_sentence` is consulted after each new token when `config.stop` is
/// [`StopAt::Sentence`] (it is required then). Sampling draws from `rng`, row by row,
/// step by step: the same prompts, settings and seed give the same tokens. An empty
/// prompt starts from the beginning-of-text token.
pub fn generate_tokens(
    model: &GptNeo,
    prompts: &[Vec<i64>],
    config: &GenerationConfig,
    rng: &mut ChaCha8Rng,
    mut end_of_sentence: Option<&mut SentenceCheck<'_>>,
) -> Result<Vec<GeneratedTokens>> {
    config.validate()?;
    if config.stop == StopAt::Sentence && end_of_sentence.is_none() {
        return Err(GeneratorError::setting(
            "stop",
            "stopping at the end of a sentence needs a tokenizer to read the text (use `Generator`)",
        ));
    }
    if prompts.is_empty() {
        return Ok(Vec::new());
    }
    let neo = model.config();
    let prompts = prompts
        .iter()
        .map(|p| match (p.is_empty(), neo.bos_token_id) {
            (false, _) => Ok(p.clone()),
            (true, Some(bos)) => Ok(vec![bos]),
            (true, None) => Err(GeneratorError::Input(
                "empty prompt and no bos_token_id in the config to start from".into(),
            )),
        })
        .collect::<Result<Vec<_>>>()?;
    let longest = prompts.iter().map(Vec::len).max().unwrap_or(0);
    if longest + config.max_new_tokens > neo.max_position_embeddings {
        return Err(GeneratorError::Input(format!(
            "a prompt of {longest} tokens plus {} new tokens exceeds the model's {} positions",
            config.max_new_tokens, neo.max_position_embeddings
        )));
    }
    let (batch, device, vocab) = (prompts.len(), model.device(), neo.vocab_size);
    let (mut all_ids, mut all_mask) = left_padded(&prompts, neo.padding_token(), device)?;

    let _guard = tch::no_grad_guard();
    let mut cache = config
        .use_cache
        .then(|| model.new_cache_with_capacity(longest + config.max_new_tokens));
    let positions = positions_from_mask(&all_mask)?;
    let mut next_positions = positions.f_select(1, -1)?.f_add_scalar(1)?;
    let mut logits =
        model.forward_last(&all_ids, Some(&all_mask), Some(&positions), cache.as_mut())?;

    let mut outputs: Vec<Vec<i64>> = vec![Vec::new(); batch];
    let mut stops: Vec<StopReason> = vec![StopReason::Budget; batch];
    // row r of the running batch continues prompt active[r]
    let mut active: Vec<usize> = (0..batch).collect();
    for _ in 0..config.max_new_tokens {
        let tokens = choose_tokens(&config.decoding, &logits, vocab, rng)?;
        let mut kept_rows: Vec<i64> = Vec::new();
        let mut chosen: Vec<i64> = Vec::new();
        for (r, (&prompt, token)) in active.iter().zip(tokens).enumerate() {
            let token = token as i64;
            if neo.eos_token_id.contains(&token) {
                stops[prompt] = StopReason::EndOfText;
                continue;
            }
            let out = &mut outputs[prompt];
            out.push(token);
            if config.stop == StopAt::Sentence
                && let Some(check) = end_of_sentence.as_deref_mut()
                && let Some(keep) = check(out)?
            {
                out.truncate(keep);
                stops[prompt] = StopReason::EndOfSentence;
                continue;
            }
            if out.len() >= config.max_new_tokens {
                stops[prompt] = StopReason::Budget;
                continue;
            }
            kept_rows.push(r as i64);
            chosen.push(token);
        }
        if kept_rows.is_empty() {
            break;
        }
        if kept_rows.len() < active.len() {
            let rows = Tensor::f_from_slice(&kept_rows)?.f_to_device(device)?;
            all_ids = all_ids.f_index_select(0, &rows)?;
            all_mask = all_mask.f_index_select(0, &rows)?;
            next_positions = next_positions.f_index_select(0, &rows)?;
            if let Some(cache) = cache.as_mut() {
                cache.select_rows(&rows)?;
            }
            active = kept_rows.iter().map(|&r| active[r as usize]).collect();
        }
        let n = chosen.len() as i64;
        let new = Tensor::f_from_slice(&chosen)?
            .f_view([n, 1])?
            .f_to_device(device)?;
        all_mask = Tensor::f_cat(
            &[&all_mask, &Tensor::f_ones([n, 1], (Kind::Int64, device))?],
            1,
        )?;
        logits = match cache.as_mut() {
            Some(cache) => {
                let positions = next_positions.f_view([n, 1])?;
                // a new tensor: `positions` is a view of the old one (no in-place `+=`)
                next_positions = next_positions.f_add_scalar(1)?;
                model.forward_last(&new, Some(&all_mask), Some(&positions), Some(cache))?
            }
            None => {
                all_ids = Tensor::f_cat(&[&all_ids, &new], 1)?;
                let positions = positions_from_mask(&all_mask)?;
                model.forward_last(&all_ids, Some(&all_mask), Some(&positions), None)?
            }
        };
    }
    Ok(outputs
        .into_iter()
        .zip(stops)
        .map(|(tokens, stop)| GeneratedTokens { tokens, stop })
        .collect())
}

/// `prompts` left-padded with `pad` to the longest: the ids and the mask (1 for tokens, 0
/// for padding), both `[prompts, longest]` int64 on `device`.
pub(crate) fn left_padded(
    prompts: &[Vec<i64>],
    pad: i64,
    device: tch::Device,
) -> Result<(Tensor, Tensor)> {
    let longest = prompts.iter().map(Vec::len).max().unwrap_or(0);
    let mut ids = Vec::with_capacity(prompts.len() * longest);
    let mut mask = Vec::with_capacity(prompts.len() * longest);
    for p in prompts {
        let padding = longest - p.len();
        ids.extend(std::iter::repeat_n(pad, padding).chain(p.iter().copied()));
        mask.extend(std::iter::repeat_n(0i64, padding).chain(std::iter::repeat_n(1, p.len())));
    }
    let shape = [prompts.len() as i64, longest as i64];
    Ok((
        Tensor::f_from_slice(&ids)?
            .f_view(shape)?
            .f_to_device(device)?,
        Tensor::f_from_slice(&mask)?
            .f_view(shape)?
            .f_to_device(device)?,
    ))
}

/// One token per row of `logits` (`[rows, vocab]`), drawing one number per row from `rng`
/// (none for greedy decoding), in row order. Sampling computes the probabilities of every
/// row at once in libtorch (fp64, as the reference) and then draws each row in O(vocab);
/// rows are shared between two threads when there are many.
fn choose_tokens(
    decoding: &Decoding,
    logits: &Tensor,
    vocab: usize,
    rng: &mut ChaCha8Rng,
) -> Result<Vec<usize>> {
    let logits = logits
        .f_to_kind(Kind::Float)?
        .f_to_device(tch::Device::Cpu)?;
    let config = match decoding {
        Decoding::Greedy => {
            let values = Vec::<f32>::try_from(logits.f_flatten(0, -1)?)?;
            return Ok(values.chunks(vocab).map(argmax).collect());
        }
        Decoding::Sample(config) => config,
    };
    let mut scores = logits.f_to_kind(Kind::Double)?;
    if config.temperature != 1.0 {
        scores = scores.f_div_scalar(config.temperature)?;
    }
    let scores = scores.f_masked_fill(&scores.f_isnan()?, f64::NEG_INFINITY)?;
    let probs = Vec::<f64>::try_from(scores.f_softmax(-1, Kind::Double)?.f_flatten(0, -1)?)?;
    let rows = probs.len() / vocab.max(1);
    let draws: Vec<f64> = (0..rows).map(|_| rng.random::<f64>()).collect();
    let choose_row =
        |r: usize| sample_probabilities(&probs[r * vocab..(r + 1) * vocab], config, draws[r]);
    let fast: Vec<Option<usize>> = if rows >= 4 && vocab >= 4096 {
        let half = rows / 2;
        std::thread::scope(|scope| {
            let other = scope.spawn(|| (half..rows).map(choose_row).collect::<Vec<_>>());
            let mut first: Vec<Option<usize>> = (0..half).map(choose_row).collect();
            // a panic in the other thread is a bug in the sampler: propagate it
            first.extend(
                other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
            first
        })
    } else {
        (0..rows).map(choose_row).collect()
    };
    fast.into_iter()
        .enumerate()
        .map(|(r, token)| match token {
            Some(token) => Ok(token),
            None => {
                // a degenerate row (every logit -inf or NaN): the reference's fallback
                let row = Vec::<f32>::try_from(logits.f_get(r as i64)?)?;
                Ok(sample_with(&row, config, draws[r]))
            }
        })
        .collect()
}
