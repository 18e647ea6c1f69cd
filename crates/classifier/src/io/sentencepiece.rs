//! Hub DeBERTa checkpoints (Microsoft's, Redwood's injuriousness classifiers) ship a
//! SentencePiece `spm.model` and no `tokenizer.json`. This module reads the model's
//! protobuf (only the fields that matter: the pieces with their scores and types, the
//! model type, the unknown id) and builds the tokenizer that `transformers` 5 builds for
//! `DebertaV2Tokenizer` from the same files:
//!
//! - Unigram over the pieces, in order, with their scores;
//! - normaliser: (lowercase if `do_lower_case`), runs of whitespace and `\n\r\t` → one space,
//!   NFC, strip on the right;
//! - pre-tokeniser: (punctuation isolated if `split_by_punct`), Metaspace `▁` (prepended
//!   always, or only first when `add_prefix_space` is false);
//! - control pieces (`[PAD]`, `[CLS]`…) as special added tokens, user-defined pieces as
//!   added tokens, then the special tokens of `special_tokens_map.json` and the entries of
//!   `added_tokens.json` (Redwood's `[MASK]` at 128000), each checked to land on its id;
//! - post-processor `[CLS] A [SEP] (B [SEP])`.
//!
//! The options come from `tokenizer_config.json` when it has them.
//! [`TextTokenizer::save`] then writes the `tokenizer.json`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tokenizers::decoders::DecoderWrapper;
use tokenizers::models::unigram::Unigram;
use tokenizers::normalizers::{self, NFC, NormalizerWrapper, Replace, Strip};
use tokenizers::pre_tokenizers::metaspace::{Metaspace, PrependScheme};
use tokenizers::pre_tokenizers::punctuation::Punctuation;
use tokenizers::pre_tokenizers::sequence::Sequence as PreSequence;
use tokenizers::{AddedToken, PreTokenizerWrapper, SplitDelimiterBehavior, Tokenizer};

use crate::error::{ClassifierError, Result};
use crate::io::tokenizer::TextTokenizer;

/// The file name of a SentencePiece model in a Hugging Face directory.
pub const SPM_FILE: &str = "spm.model";

/// What a SentencePiece piece is (`SentencePiece.Type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceType {
    /// An ordinary piece.
    Normal,
    /// The unknown piece.
    Unknown,
    /// A control symbol (`[CLS]`…): special, never produced from text.
    Control,
    /// A user-defined symbol: always one piece.
    UserDefined,
    /// Unused.
    Unused,
    /// A byte-fallback piece.
    Byte,
}

/// The parts of a SentencePiece `ModelProto` a tokenizer needs.
#[derive(Debug, Clone, PartialEq)]
pub struct SentencePieceModel {
    /// `(piece, score, type)` in id order.
    pub pieces: Vec<(String, f32, PieceType)>,
    /// `trainer_spec.model_type` (1 Unigram, 2 BPE, 3 word, 4 char).
    pub model_type: u64,
    /// `trainer_spec.unk_id`.
    pub unk_id: usize,
    /// `trainer_spec.byte_fallback`.
    pub byte_fallback: bool,
}

impl SentencePieceModel {
    /// Reads an `spm.model` file.
    pub fn read(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| ClassifierError::io(path, e))?;
        Self::parse(&bytes)
            .map_err(|m| ClassifierError::format(path, format!("not a SentencePiece model: {m}")))
    }

    /// Parses the bytes of a `ModelProto`.
    pub fn parse(bytes: &[u8]) -> std::result::Result<Self, String> {
        let mut model = SentencePieceModel {
            pieces: Vec::new(),
            model_type: 1,
            unk_id: 0,
            byte_fallback: false,
        };
        for field in Fields::new(bytes) {
            match field? {
                (1, Wire::Bytes(piece)) => model.pieces.push(parse_piece(piece)?),
                (2, Wire::Bytes(spec)) => {
                    for f in Fields::new(spec) {
                        match f? {
                            (3, Wire::Varint(v)) => model.model_type = v,
                            (35, Wire::Varint(v)) => model.byte_fallback = v != 0,
                            (40, Wire::Varint(v)) => model.unk_id = v as usize,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        if model.pieces.is_empty() {
            return Err("it has no pieces".into());
        }
        if model.unk_id >= model.pieces.len() {
            return Err(format!(
                "unk_id {} is beyond its {} pieces",
                model.unk_id,
                model.pieces.len()
            ));
        }
        Ok(model)
    }
}

fn parse_piece(bytes: &[u8]) -> std::result::Result<(String, f32, PieceType), String> {
    let (mut piece, mut score, mut kind) = (String::new(), 0.0f32, PieceType::Normal);
    for f in Fields::new(bytes) {
        match f? {
            (1, Wire::Bytes(b)) => {
                piece =
                    String::from_utf8(b.to_vec()).map_err(|_| "a piece is not UTF-8".to_string())?
            }
            (2, Wire::Fixed32(bits)) => score = f32::from_bits(bits),
            (3, Wire::Varint(t)) => {
                kind = match t {
                    1 => PieceType::Normal,
                    2 => PieceType::Unknown,
                    3 => PieceType::Control,
                    4 => PieceType::UserDefined,
                    5 => PieceType::Unused,
                    6 => PieceType::Byte,
                    other => return Err(format!("unknown piece type {other}")),
                }
            }
            _ => {}
        }
    }
    Ok((piece, score, kind))
}

/// A protobuf field's payload.
enum Wire<'a> {
    Varint(u64),
    Fixed64,
    Bytes(&'a [u8]),
    Fixed32(u32),
}

/// The fields of one protobuf message, in order.
struct Fields<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Fields<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Fields { bytes, pos: 0 }
    }

    fn varint(&mut self) -> std::result::Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.pos).ok_or("truncated varint")?;
            self.pos += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("varint longer than 10 bytes".into())
    }

    fn take(&mut self, n: usize) -> std::result::Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or("truncated field")?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = std::result::Result<(u64, Wire<'a>), String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let item = (|| {
            let key = self.varint()?;
            let wire = match key & 7 {
                0 => Wire::Varint(self.varint()?),
                1 => {
                    self.take(8)?;
                    Wire::Fixed64
                }
                2 => {
                    let n = self.varint()? as usize;
                    Wire::Bytes(self.take(n)?)
                }
                5 => {
                    let b = self.take(4)?;
                    Wire::Fixed32(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                }
                other => return Err(format!("unsupported wire type {other}")),
            };
            Ok((key >> 3, wire))
        })();
        if item.is_err() {
            self.pos = self.bytes.len(); // stop after an error
        }
        Some(item)
    }
}

/// Options of `tokenizer_config.json` that shape the tokenizer.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SpmOptions {
    do_lower_case: bool,
    split_by_punct: bool,
    add_prefix_space: bool,
}

fn read_json(path: &Path) -> Result<Option<serde_json::Value>> {
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(path).map_err(|e| ClassifierError::io(path, e))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| ClassifierError::format(path, format!("not valid JSON: {e}")))
}

/// The content of a special-token entry: a string or `{"content": …}`.
fn token_content(v: &serde_json::Value) -> Option<String> {
    v.as_str().map(str::to_string).or_else(|| {
        v.get("content")
            .and_then(|c| c.as_str())
            .map(str::to_string)
    })
}

impl TextTokenizer {
    /// Builds the tokenizer of a directory holding `spm.model` (and optionally
    /// `tokenizer_config.json`, `special_tokens_map.json`, `added_tokens.json`) the way
    /// `transformers` builds `DebertaV2Tokenizer` from them (see the module docs).
    pub fn from_sentencepiece_dir(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        let spm_path = dir.join(SPM_FILE);
        let spm = SentencePieceModel::read(&spm_path)?;
        if spm.model_type != 1 {
            return Err(ClassifierError::format(
                &spm_path,
                format!(
                    "model type {} is not Unigram (1), which DeBERTa uses",
                    spm.model_type
                ),
            ));
        }
        let config = read_json(&dir.join("tokenizer_config.json"))?.unwrap_or_default();
        let flag =
            |key: &str, default: bool| config.get(key).and_then(|v| v.as_bool()).unwrap_or(default);
        let options = SpmOptions {
            do_lower_case: flag("do_lower_case", false),
            split_by_punct: flag("split_by_punct", false),
            add_prefix_space: flag("add_prefix_space", true),
        };
        let mut tokenizer = build(&spm, &options)
            .map_err(|e| ClassifierError::tokenizer(Some(spm_path.clone()), e))?;

        // control and user-defined pieces are added tokens (control ones special)
        let from_pieces: Vec<AddedToken> = spm
            .pieces
            .iter()
            .filter(|(_, _, t)| matches!(t, PieceType::Control | PieceType::UserDefined))
            .map(|(p, _, t)| {
                AddedToken::from(p.clone(), *t == PieceType::Control).normalized(false)
            })
            .collect();
        tokenizer.add_tokens(&from_pieces);

        // the special tokens, from special_tokens_map.json (DeBERTa's by default)
        let map = read_json(&dir.join("special_tokens_map.json"))?.unwrap_or_default();
        let mut specials: Vec<String> = Vec::new();
        for (key, default) in [
            ("pad_token", "[PAD]"),
            ("cls_token", "[CLS]"),
            ("sep_token", "[SEP]"),
            ("unk_token", "[UNK]"),
            ("mask_token", "[MASK]"),
        ] {
            let from_config = config.get(key).and_then(token_content);
            let from_map = map.get(key).and_then(token_content);
            let token = from_map
                .or(from_config)
                .unwrap_or_else(|| default.to_string());
            if !specials.contains(&token) {
                specials.push(token);
            }
        }
        // added_tokens.json: {token: id}; added in id order, each must land on its id
        let added_path = dir.join("added_tokens.json");
        let mut declared: BTreeMap<u64, String> = BTreeMap::new();
        if let Some(v) = read_json(&added_path)? {
            let object = v.as_object().ok_or_else(|| {
                ClassifierError::format(&added_path, "expected an object of token → id")
            })?;
            for (token, id) in object {
                let id = id.as_u64().ok_or_else(|| {
                    ClassifierError::format(&added_path, format!("`{token}` has no integer id"))
                })?;
                declared.insert(id, token.clone());
            }
        }
        for (id, token) in &declared {
            let added = AddedToken::from(token.clone(), specials.contains(token)).normalized(false);
            tokenizer.add_special_tokens(&[added]);
            let got = tokenizer.token_to_id(token).map(u64::from);
            if got != Some(*id) {
                return Err(ClassifierError::format(
                    &added_path,
                    format!(
                        "`{token}` should have id {id} but lands on {got:?} after {} pieces",
                        spm.pieces.len()
                    ),
                ));
            }
        }
        let special_tokens: Vec<AddedToken> = specials
            .iter()
            .map(|t| AddedToken::from(t.clone(), true).normalized(false))
            .collect();
        tokenizer.add_special_tokens(&special_tokens);
        TextTokenizer::from_tokenizer(tokenizer, Some(spm_path))
    }
}

/// The `tokenizers` pipeline of `DebertaV2Tokenizer`, without added tokens.
fn build(spm: &SentencePieceModel, o: &SpmOptions) -> std::result::Result<Tokenizer, String> {
    let vocab: Vec<(String, f64)> = spm
        .pieces
        .iter()
        .map(|(p, s, _)| (p.clone(), f64::from(*s)))
        .collect();
    let model = Unigram::from(vocab, Some(spm.unk_id), false).map_err(|e| e.to_string())?;
    let mut tokenizer = Tokenizer::new(model);
    let mut norms: Vec<NormalizerWrapper> = Vec::new();
    if o.do_lower_case {
        norms.push(normalizers::Lowercase.into());
    }
    let spaces = Replace::new(
        tokenizers::normalizers::replace::ReplacePattern::Regex(r"\s{2,}|[\n\r\t]".into()),
        " ",
    )
    .map_err(|e| e.to_string())?;
    norms.push(spaces.into());
    norms.push(NFC.into());
    norms.push(Strip::new(false, true).into());
    tokenizer.with_normalizer(Some(normalizers::Sequence::new(norms)));
    let scheme = if o.add_prefix_space {
        PrependScheme::Always
    } else {
        PrependScheme::First
    };
    let metaspace = Metaspace::new('▁', scheme, true);
    let mut pre: Vec<PreTokenizerWrapper> = Vec::new();
    if o.split_by_punct {
        pre.push(Punctuation::new(SplitDelimiterBehavior::Isolated).into());
    }
    pre.push(metaspace.clone().into());
    tokenizer.with_pre_tokenizer(Some(PreSequence::new(pre)));
    tokenizer.with_decoder(Some(DecoderWrapper::Metaspace(metaspace)));
    Ok(tokenizer)
}

/// Where a directory's tokenizer comes from: its `tokenizer.json`, else its `spm.model`.
pub(crate) fn load_dir_tokenizer(dir: &Path) -> Result<TextTokenizer> {
    let json = dir.join(crate::io::tokenizer::TOKENIZER_FILE);
    if json.is_file() || !dir.join(SPM_FILE).is_file() {
        TextTokenizer::from_file(json)
    } else {
        TextTokenizer::from_sentencepiece_dir(dir)
    }
}

/// Writes `tokenizer.json` next to the `spm.model` of `dir` (the one-time conversion of a
/// hub checkpoint); returns its path.
pub fn convert_sentencepiece_dir(dir: impl AsRef<Path>) -> Result<PathBuf> {
    let dir = dir.as_ref();
    let tokenizer = TextTokenizer::from_sentencepiece_dir(dir)?;
    let path = dir.join(crate::io::tokenizer::TOKENIZER_FILE);
    tokenizer.save(&path)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_protobufs_are_errors_not_panics() {
        assert!(SentencePieceModel::parse(&[]).is_err());
        assert!(SentencePieceModel::parse(&[0x0a, 0x05, 0x0a]).is_err()); // truncated piece
        assert!(SentencePieceModel::parse(&[0xff; 12]).is_err()); // endless varint
        // one piece "a" with score -1.5 and type NORMAL: hand-encoded
        let mut piece = vec![0x0a, 0x01, b'a', 0x15];
        piece.extend((-1.5f32).to_le_bytes());
        piece.extend([0x18, 0x01]);
        let mut model = vec![0x0a, piece.len() as u8];
        model.extend(&piece);
        let m = SentencePieceModel::parse(&model).unwrap();
        assert_eq!(m.pieces, vec![("a".to_string(), -1.5, PieceType::Normal)]);
        assert_eq!((m.model_type, m.unk_id), (1, 0));
    }
}
