//! The tokenizer: a Hugging Face `tokenizer.json` read by the `tokenizers` crate, or a new
//! one trained here (Unigram or BPE, DeBERTa's conventions) for models made from scratch.
//!
//! DeBERTa's conventions: special tokens `[PAD]`, `[CLS]`, `[SEP]`, `[UNK]`, `[MASK]`;
//! NFKC normalisation; SentencePiece-style `▁` word boundaries (Metaspace); a single text
//! becomes `[CLS] text [SEP]` and a pair `[CLS] a [SEP] b [SEP]` with type ids 0 then 1.
//! A trained tokenizer numbers the special tokens 0–4 in that order (the real DeBERTa
//! vocabulary has `[MASK]` at 128000 instead: ids are always looked up, never assumed).

use std::path::{Path, PathBuf};

use tokenizers::models::TrainerWrapper;
use tokenizers::models::bpe::{BPE, BpeTrainer};
use tokenizers::models::unigram::{Unigram, UnigramTrainer};
use tokenizers::normalizers::unicode::NFKC;
use tokenizers::pre_tokenizers::metaspace::{Metaspace, PrependScheme};
use tokenizers::processors::template::TemplateProcessing;
use tokenizers::{AddedToken, DecoderWrapper, Tokenizer};

use crate::error::{ClassifierError, Result};

/// The file name of a tokenizer in a model directory.
pub const TOKENIZER_FILE: &str = "tokenizer.json";

/// The special tokens, in the order a trained tokenizer numbers them.
pub const SPECIAL_TOKENS: [&str; 5] = ["[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]"];

/// Which subword model to train.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenizerKind {
    /// SentencePiece's Unigram language model (what DeBERTa-v2/v3 use). The same corpus
    /// gives the same vocabulary in every process (see `canonicalize_unigram`).
    Unigram,
    /// Byte-pair encoding over Metaspace words; the same corpus gives the same vocabulary
    /// in every process.
    Bpe,
}

/// Ids of the special tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecialIds {
    /// `[PAD]`.
    pub pad: i64,
    /// `[CLS]`.
    pub cls: i64,
    /// `[SEP]`.
    pub sep: i64,
    /// `[UNK]`, when the vocabulary has it.
    pub unk: Option<i64>,
    /// `[MASK]`, when the vocabulary has it (needed for masked-LM use).
    pub mask: Option<i64>,
}

impl SpecialIds {
    /// Whether `id` is one of these special tokens.
    pub fn contains(&self, id: i64) -> bool {
        id == self.pad
            || id == self.cls
            || id == self.sep
            || Some(id) == self.unk
            || Some(id) == self.mask
    }
}

/// A tokenizer with DeBERTa's special tokens.
#[derive(Clone)]
pub struct TextTokenizer {
    inner: Tokenizer,
    origin: Option<PathBuf>,
    special: SpecialIds,
}

impl std::fmt::Debug for TextTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextTokenizer")
            .field("origin", &self.origin)
            .field("vocab_size", &self.vocab_size())
            .field("special", &self.special)
            .finish()
    }
}

impl TextTokenizer {
    /// Reads a `tokenizer.json`. It must have `[CLS]`, `[SEP]` and `[PAD]`; when it has no
    /// post-processor, DeBERTa's `[CLS] a [SEP] (b [SEP])` template is installed.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(ClassifierError::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            ));
        }
        let inner = model_kit::read_tokenizer_json(path)?;
        Self::from_tokenizer(inner, Some(path.to_path_buf()))
    }

    /// Wraps a `tokenizers` tokenizer (see [`TextTokenizer::from_file`] for the checks).
    pub fn from_tokenizer(mut inner: Tokenizer, origin: Option<PathBuf>) -> Result<Self> {
        let id = |t: &str| inner.token_to_id(t).map(i64::from);
        let need = |t: &str| {
            id(t).ok_or_else(|| {
                ClassifierError::tokenizer(
                    origin.clone(),
                    format!("the vocabulary has no `{t}` token"),
                )
            })
        };
        let special = SpecialIds {
            pad: need("[PAD]")?,
            cls: need("[CLS]")?,
            sep: need("[SEP]")?,
            unk: id("[UNK]"),
            mask: id("[MASK]"),
        };
        if inner.get_post_processor().is_none() {
            let template = deberta_template(special.cls, special.sep)
                .map_err(|e| ClassifierError::tokenizer(origin.clone(), e))?;
            inner.with_post_processor(Some(template));
        }
        Ok(TextTokenizer {
            inner,
            origin,
            special,
        })
    }

    /// Trains a new tokenizer on `texts` with at most `vocab_size` entries (special tokens
    /// included). Deterministic for the same texts.
    pub fn train(texts: &[String], vocab_size: usize, kind: TokenizerKind) -> Result<Self> {
        if texts.iter().all(|t| t.trim().is_empty()) {
            return Err(ClassifierError::tokenizer(
                None,
                "cannot train on an empty corpus",
            ));
        }
        if vocab_size < SPECIAL_TOKENS.len() + 1 {
            return Err(ClassifierError::Setting(format!(
                "a vocabulary of {vocab_size} cannot hold the {} special tokens and a word piece",
                SPECIAL_TOKENS.len()
            )));
        }
        let specials: Vec<AddedToken> = SPECIAL_TOKENS
            .iter()
            .map(|t| AddedToken::from(*t, true))
            .collect();
        let metaspace = Metaspace::new('▁', PrependScheme::Always, true);
        let mut tokenizer = Tokenizer::new(match kind {
            TokenizerKind::Unigram => tokenizers::ModelWrapper::from(Unigram::default()),
            TokenizerKind::Bpe => tokenizers::ModelWrapper::from(
                BPE::builder()
                    .unk_token("[UNK]".into())
                    .build()
                    .map_err(|e| ClassifierError::tokenizer(None, e))?,
            ),
        });
        tokenizer.with_normalizer(Some(NFKC));
        tokenizer.with_pre_tokenizer(Some(metaspace.clone()));
        tokenizer.with_decoder(Some(DecoderWrapper::Metaspace(metaspace)));
        let mut trainer: TrainerWrapper = match kind {
            TokenizerKind::Unigram => UnigramTrainer::builder()
                .vocab_size(vocab_size as u32)
                .special_tokens(specials.clone())
                .unk_token(Some("[UNK]".into()))
                .show_progress(false)
                .build()
                .map_err(|e| ClassifierError::tokenizer(None, e))?
                .into(),
            TokenizerKind::Bpe => BpeTrainer::builder()
                .vocab_size(vocab_size)
                .special_tokens(specials.clone())
                .show_progress(false)
                .build()
                .into(),
        };
        tokenizer
            .train(&mut trainer, texts.iter())
            .map_err(|e| ClassifierError::tokenizer(None, format!("training failed: {e}")))?;
        if kind == TokenizerKind::Unigram {
            canonicalize_unigram(&mut tokenizer, SPECIAL_TOKENS.len())?;
        }
        tokenizer.add_special_tokens(&specials);
        Self::from_tokenizer(tokenizer, None)
    }

    /// Writes `tokenizer.json`, atomically.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let text = self
            .inner
            .to_string(true)
            .map_err(|e| ClassifierError::tokenizer(Some(path.to_path_buf()), e))?;
        labels::write_atomic(path, |w| std::io::Write::write_all(w, text.as_bytes()))?;
        Ok(())
    }

    /// The special-token ids.
    pub fn special_ids(&self) -> SpecialIds {
        self.special
    }

    /// Size of the vocabulary, added tokens included.
    pub fn vocab_size(&self) -> usize {
        self.inner.get_vocab_size(true)
    }

    /// The id of a token, if in the vocabulary.
    pub fn token_to_id(&self, token: &str) -> Option<i64> {
        self.inner.token_to_id(token).map(i64::from)
    }

    /// The token of an id, if in the vocabulary.
    pub fn id_to_token(&self, id: i64) -> Option<String> {
        u32::try_from(id)
            .ok()
            .and_then(|id| self.inner.id_to_token(id))
    }

    /// Decodes ids to text (special tokens skipped).
    pub fn decode(&self, ids: &[i64]) -> Result<String> {
        let ids: Vec<u32> = ids.iter().filter_map(|&i| u32::try_from(i).ok()).collect();
        self.inner
            .decode(&ids, true)
            .map_err(|e| ClassifierError::tokenizer(self.origin.clone(), e))
    }

    /// Whether the id is one of the special tokens.
    pub fn is_special(&self, id: i64) -> bool {
        self.special.contains(id)
    }

    /// The wrapped `tokenizers` tokenizer.
    pub fn inner(&self) -> &Tokenizer {
        &self.inner
    }

    /// Where it was read from, if from a file.
    pub fn origin(&self) -> Option<&Path> {
        self.origin.as_deref()
    }
}

/// DeBERTa's post-processor: `[CLS] $A [SEP]` and `[CLS] $A [SEP] $B:1 [SEP]:1`.
fn deberta_template(cls: i64, sep: i64) -> std::result::Result<TemplateProcessing, String> {
    TemplateProcessing::builder()
        .try_single("[CLS]:0 $A:0 [SEP]:0")?
        .try_pair("[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1")?
        .special_tokens(vec![("[CLS]", cls as u32), ("[SEP]", sep as u32)])
        .build()
        .map_err(|e| e.to_string())
}

/// Step between the scores that the `tokenizers` Unigram trainer gives to the corpus
/// characters its model lacks (`min_score_penalty_delta` in its trainer).
const CHARACTER_SCORE_STEP: f64 = 1e-4;

/// Makes a freshly trained Unigram vocabulary independent of hash-map order.
///
/// The `tokenizers` Unigram trainer appends every corpus character its model lacks with the
/// scores `min`, `min + 1e-4`, `min + 2e-4`… in the iteration order of a randomly seeded hash
/// set, and its final sort keeps hash order among equal scores: two processes trained on the
/// same corpus got different ids (measured), and scores differed in their last bits because
/// the trainer sums in parallel chunks. Here scores are rounded to nine decimals, those
/// characters get the same ladder of scores in character order, and all pieces are sorted
/// by (score descending, piece), so the same corpus gives the same vocabulary and ids
/// everywhere (a piece set that itself hinged on a last-bit difference would still differ;
/// none has been seen). The special tokens, which
/// the trainer puts first, keep their places.
fn canonicalize_unigram(tokenizer: &mut Tokenizer, specials: usize) -> Result<()> {
    let tokenizers::ModelWrapper::Unigram(model) = tokenizer.get_model() else {
        return Ok(());
    };
    // scores also differ in their last bits from run to run (the trainer sums in parallel
    // chunks): keep nine decimals, far finer than any difference that matters
    let entries: Vec<(String, f64)> = model
        .iter()
        .map(|(piece, score)| (piece.clone(), (score * 1e9).round() / 1e9))
        .collect();
    let (head, pieces) = entries.split_at(specials.min(entries.len()));
    let min = pieces.iter().map(|(_, s)| *s).fold(f64::INFINITY, f64::min);
    let on_ladder = |piece: &str, score: f64| {
        let steps = (score - min) / CHARACTER_SCORE_STEP;
        piece.chars().count() == 1 && (steps - steps.round()).abs() < 1e-6
    };
    let (ladder, mut canonical): (Vec<_>, Vec<_>) =
        pieces.iter().cloned().partition(|(p, s)| on_ladder(p, *s));
    let mut characters: Vec<String> = ladder.iter().map(|(p, _)| p.clone()).collect();
    let mut scores: Vec<f64> = ladder.iter().map(|(_, s)| *s).collect();
    characters.sort();
    scores.sort_by(|a, b| b.total_cmp(a));
    canonical.extend(characters.into_iter().zip(scores));
    canonical.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let unk_id = head.iter().position(|(p, _)| p == "[UNK]");
    let byte_fallback = model.byte_fallback();
    let vocab = head.iter().cloned().chain(canonical).collect();
    let rebuilt = Unigram::from(vocab, unk_id, byte_fallback)
        .map_err(|e| ClassifierError::tokenizer(None, format!("rebuilding the vocabulary: {e}")))?;
    tokenizer.with_model(rebuilt);
    Ok(())
}
