//! [`Generator`]: a model and its tokenizer, from prompts (text) to one-sentence
//! completions (text and token ids).

use std::path::Path;

use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use tch::Device;

use crate::error::{GeneratorError, Result};
use crate::generation::generate::{GenerationConfig, StopReason, generate_tokens};
use crate::generation::sentence::sentence_end;
use crate::io::tokenizer::TextTokenizer;
use crate::model::gpt_neo::GptNeo;

/// A completion of one prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    /// The completion's text: cut at the end of its sentence when generation stopped
    /// there, surrounding whitespace trimmed.
    pub text: String,
    /// The generated token ids, up to and including the one that completed the text
    /// (prompt and end-of-text excluded).
    pub token_ids: Vec<i64>,
    /// Why generation stopped.
    pub stop: StopReason,
}

/// A GPT-Neo model with its tokenizer: the text generator of the pipeline.
#[derive(Debug)]
pub struct Generator {
    model: GptNeo,
    tokenizer: TextTokenizer,
}

impl Generator {
    /// Pairs a model with a tokenizer; every token id the tokenizer can produce must be a
    /// row of the model's embedding.
    pub fn new(model: GptNeo, tokenizer: TextTokenizer) -> Result<Self> {
        let (tokens, rows) = (tokenizer.vocab_size(), model.config().vocab_size);
        if tokens > rows {
            return Err(GeneratorError::tokenizer(
                tokenizer.source(),
                format!("{tokens} tokens do not fit the model's vocabulary of {rows}"),
            ));
        }
        Ok(Generator { model, tokenizer })
    }

    /// Loads a Hugging Face directory: `config.json`, `model.safetensors`,
    /// `tokenizer.json`.
    pub fn from_pretrained(dir: impl AsRef<Path>, device: Device) -> Result<Self> {
        let dir = dir.as_ref();
        let model = GptNeo::from_pretrained(dir, device)?;
        let tokenizer = TextTokenizer::from_file(dir.join("tokenizer.json"))?;
        Generator::new(model, tokenizer)
    }

    /// Writes `config.json`, `model.safetensors` and `tokenizer.json` into `dir`.
    pub fn save_pretrained(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        self.model.save_pretrained(dir)?;
        self.tokenizer.save(dir.join("tokenizer.json"))
    }

    /// The model.
    pub fn model(&self) -> &GptNeo {
        &self.model
    }

    /// The model, mutably (for training).
    pub fn model_mut(&mut self) -> &mut GptNeo {
        &mut self.model
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &TextTokenizer {
        &self.tokenizer
    }

    /// Splits the generator into its model and tokenizer.
    pub fn into_parts(self) -> (GptNeo, TextTokenizer) {
        (self.model, self.tokenizer)
    }

    /// Completes every prompt, in one batch. With [`crate::StopAt::Sentence`] each
    /// completion is one sentence (see [`crate::sentence_end`]).
    pub fn complete(
        &self,
        prompts: &[&str],
        config: &GenerationConfig,
        rng: &mut ChaCha8Rng,
    ) -> Result<Vec<Completion>> {
        let ids = prompts
            .iter()
            .map(|p| self.tokenizer.encode(p))
            .collect::<Result<Vec<_>>>()?;
        let tokenizer = &self.tokenizer;
        let mut check = |tokens: &[i64]| -> Result<Option<usize>> {
            let text = tokenizer.decode(tokens)?;
            let Some(end) = sentence_end(&text) else {
                return Ok(None);
            };
            // the fewest tokens whose text reaches the sentence end
            for n in 1..=tokens.len() {
                if tokenizer.decode(&tokens[..n])?.len() >= end {
                    return Ok(Some(n));
                }
            }
            Ok(Some(tokens.len()))
        };
        let generated = generate_tokens(&self.model, &ids, config, rng, Some(&mut check))?;
        generated
            .into_iter()
            .map(|g| {
                let text = self.tokenizer.decode(&g.tokens)?;
                let text = match (g.stop, sentence_end(&text)) {
                    (StopReason::EndOfSentence, Some(end)) => text[..end].trim().to_string(),
                    _ => text.trim().to_string(),
                };
                Ok(Completion {
                    text,
                    token_ids: g.tokens,
                    stop: g.stop,
                })
            })
            .collect()
    }
}
