//! The text side of the model: `tokenizer.json` (GPT-2's byte-level BPE for real GPT-Neo
//! checkpoints), or a small byte-level BPE trained here for models made from scratch.

use std::path::{Path, PathBuf};

use tokenizers::models::TrainerWrapper;
use tokenizers::models::bpe::{BPE, BpeTrainerBuilder};
use tokenizers::pre_tokenizers::byte_level::ByteLevel;
use tokenizers::{AddedToken, Tokenizer};

use crate::error::{GeneratorError, Result};
use crate::io::atomic_file::write_file;

/// GPT-2's end-of-text token, which GPT-Neo uses as both beginning and end of text.
pub const END_OF_TEXT: &str = "<|endoftext|>";

/// A tokenizer from the Hugging Face `tokenizers` library, with errors that name its file.
#[derive(Debug, Clone)]
pub struct TextTokenizer {
    inner: Tokenizer,
    source: PathBuf,
    /// `inner.get_vocab_size(true)`, kept: `tokenizers` builds the whole vocabulary map to
    /// count it, and [`decode`](Self::decode) (called after every generated token to find
    /// the sentence's end) checks ids against it; counting each time was 40% of
    /// generation's time.
    vocab_size: usize,
}

impl TextTokenizer {
    /// Reads a `tokenizer.json` (a file, or a checkpoint directory holding one).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let mut path = path.as_ref().to_path_buf();
        if path.is_dir() {
            path = path.join("tokenizer.json");
        }
        if !path.is_file() {
            return Err(GeneratorError::io(
                &path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such tokenizer file"),
            ));
        }
        let inner = model_kit::read_tokenizer_json(&path)?;
        Ok(TextTokenizer {
            vocab_size: inner.get_vocab_size(true),
            inner,
            source: path,
        })
    }

    /// Trains a GPT-2 style byte-level BPE of (at most) `vocab_size` tokens on `texts`:
    /// every byte is a token, so any text can be encoded; [`END_OF_TEXT`] is id 0.
    pub fn train_byte_level_bpe<S: AsRef<str> + Sync>(
        texts: &[S],
        vocab_size: usize,
    ) -> Result<Self> {
        let source = PathBuf::from("<trained in memory>");
        let alphabet = ByteLevel::alphabet();
        if vocab_size < alphabet.len() + 1 {
            return Err(GeneratorError::setting(
                "vocab_size",
                format!(
                    "{vocab_size} is too small for a byte-level BPE (at least {})",
                    alphabet.len() + 1
                ),
            ));
        }
        let mut inner = Tokenizer::new(BPE::default());
        inner.with_pre_tokenizer(Some(ByteLevel::new(false, true, true)));
        inner.with_decoder(Some(ByteLevel::default()));
        inner.with_post_processor(Some(ByteLevel::new(false, false, true)));
        let mut trainer = TrainerWrapper::BpeTrainer(
            BpeTrainerBuilder::new()
                .vocab_size(vocab_size)
                .min_frequency(2)
                .show_progress(false)
                .initial_alphabet(alphabet.into_iter().collect())
                .special_tokens(vec![AddedToken::from(END_OF_TEXT, true)])
                .build(),
        );
        inner
            .train(&mut trainer, texts.iter().map(|t| t.as_ref()))
            .map_err(|e| GeneratorError::tokenizer(&source, e))?;
        Ok(TextTokenizer {
            vocab_size: inner.get_vocab_size(true),
            inner,
            source,
        })
    }

    /// Writes `tokenizer.json` to `path`, whole or not at all.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = self
            .inner
            .to_string(true)
            .map_err(|e| GeneratorError::tokenizer(path, e))?;
        write_file(path, text.as_bytes())
    }

    /// Token ids of `text` (no special tokens added: GPT-2 adds none).
    pub fn encode(&self, text: &str) -> Result<Vec<i64>> {
        let encoding = self
            .inner
            .encode(text, false)
            .map_err(|e| GeneratorError::tokenizer(&self.source, e))?;
        Ok(encoding.get_ids().iter().map(|&id| i64::from(id)).collect())
    }

    /// The text of `ids` (special tokens skipped). Ids the vocabulary lacks are an error.
    pub fn decode(&self, ids: &[i64]) -> Result<String> {
        let vocab = self.vocab_size() as i64;
        let ids: Vec<u32> = ids
            .iter()
            .map(|&id| {
                u32::try_from(id)
                    .ok()
                    .filter(|_| id < vocab)
                    .ok_or_else(|| {
                        GeneratorError::tokenizer(
                            &self.source,
                            format!("token id {id} is not in the vocabulary of {vocab}"),
                        )
                    })
            })
            .collect::<Result<_>>()?;
        self.inner
            .decode(&ids, true)
            .map_err(|e| GeneratorError::tokenizer(&self.source, e))
    }

    /// The id of a token, if the vocabulary has it.
    pub fn token_id(&self, token: &str) -> Option<i64> {
        self.inner.token_to_id(token).map(i64::from)
    }

    /// Number of tokens, added (special) tokens included.
    pub fn vocab_size(&self) -> usize {
        self.vocab_size
    }

    /// Where the tokenizer came from (for messages).
    pub fn source(&self) -> &Path {
        &self.source
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trained_tokenizer_round_trips_any_text() {
        let corpus = [
            "The dog ran to the barn.",
            "The cat sat by the door.",
            "The dog sat.",
        ];
        let tok = TextTokenizer::train_byte_level_bpe(&corpus, 300).unwrap();
        assert_eq!(tok.token_id(END_OF_TEXT), Some(0));
        assert!(tok.vocab_size() <= 300);
        // Unseen characters still encode (byte level) and decode back exactly.
        let text = "Zoë's \"café\" — naïve? 🙂";
        let ids = tok.encode(text).unwrap();
        assert_eq!(tok.decode(&ids).unwrap(), text);
        // Frequent words were merged: "The dog" takes fewer tokens than its 7 bytes.
        assert!(tok.encode("The dog").unwrap().len() < 7);
    }

    #[test]
    fn bad_ids_and_sizes_are_errors() {
        let tok = TextTokenizer::train_byte_level_bpe(&["a b c"], 260).unwrap();
        assert!(tok.decode(&[-1]).is_err());
        assert!(tok.decode(&[100_000]).is_err());
        assert!(TextTokenizer::train_byte_level_bpe(&["a"], 10).is_err());
        assert!(TextTokenizer::from_file("/nonexistent/tokenizer.json").is_err());
    }
}
