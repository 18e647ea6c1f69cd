//! Masked-LM suggestions for the tool-assisted attack (the paper §4.3): at a token, the
//! top-k replacement tokens; in a gap between tokens, the top-k insertions. Each site is
//! one copy of the input with `[MASK]` at (or inserted at) the site; all copies go through
//! the model together in length-bucketed batches, and only the masked positions are
//! decoded.
//!
//! Suggestions are token pieces; [`SiteSuggestions::apply`] splices one into the input's
//! text (a `▁`/`Ġ` word marker becomes a space), so an attack can score the result.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tch::{Device, Kind, Tensor};

use crate::error::{ClassifierError, Result};
use crate::io::sentencepiece::load_dir_tokenizer;
use crate::io::tokenizer::TextTokenizer;
use crate::model::deberta::Batch;
use crate::model::masked_lm::DebertaForMaskedLm;
use crate::tools::encoding::{EncodedInput, ModelInput, Segment};
use crate::tools::injuriousness::save_tokenizer;
use crate::tools::scoring::{BatchOptions, length_buckets};

/// Where an edit goes, as a position in the encoded input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditSite {
    /// Replace the token at this index.
    Replace(usize),
    /// Insert a token before the token at this index.
    Insert(usize),
}

/// One suggested token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Its vocabulary id.
    pub id: i64,
    /// Its vocabulary entry.
    pub piece: String,
    /// The masked LM's log-probability of it at the site.
    pub log_prob: f64,
}

/// The suggestions at one site, with where the site is in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteSuggestions {
    /// The site.
    pub site: EditSite,
    /// The text the site is in.
    pub segment: Segment,
    /// Character range replaced (equal ends for an insertion point).
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// Best first.
    pub suggestions: Vec<Suggestion>,
}

impl SiteSuggestions {
    /// The input with `suggestion` spliced in at the site.
    pub fn apply(&self, input: &ModelInput, suggestion: &Suggestion) -> Result<ModelInput> {
        let text = input.segment_text(self.segment).ok_or_else(|| {
            ClassifierError::Setting(format!(
                "the input has no {:?} text for this site",
                self.segment
            ))
        })?;
        let chars: Vec<char> = text.chars().collect();
        if self.start > self.end || self.end > chars.len() {
            return Err(ClassifierError::Setting(format!(
                "site {}..{} lies outside a text of {} characters",
                self.start,
                self.end,
                chars.len()
            )));
        }
        let word_start = suggestion.piece.starts_with(['▁', 'Ġ']);
        let mut piece: String = suggestion.piece.replace(['▁', 'Ġ'], " ");
        if self.start == 0 {
            piece = piece.trim_start().to_string();
            let next_is_word = chars.get(self.end).is_some_and(|c| !c.is_whitespace());
            if word_start && matches!(self.site, EditSite::Insert(_)) && next_is_word {
                piece.push(' ');
            }
        }
        let mut new_text: String = chars[..self.start].iter().collect();
        new_text.push_str(&piece);
        new_text.extend(&chars[self.end..]);
        Ok(match (input, self.segment) {
            (ModelInput::Snippet(s), Segment::Prompt) => {
                ModelInput::snippet(new_text, s.completion.clone())
            }
            (ModelInput::Snippet(s), _) => ModelInput::snippet(s.prompt.clone(), new_text),
            (ModelInput::Text { .. }, _) => ModelInput::text(new_text),
        })
    }
}

/// Every replacement site of an encoding (each non-special token).
pub fn replacement_sites(encoded: &EncodedInput) -> Vec<EditSite> {
    (0..encoded.len())
        .filter(|&i| encoded.tokens[i].segment != Segment::Special)
        .map(EditSite::Replace)
        .collect()
}

/// Every insertion site of an encoding (before each non-special token, and at the end of
/// each text, before its `[SEP]`).
pub fn insertion_sites(encoded: &EncodedInput) -> Vec<EditSite> {
    (1..encoded.len())
        .filter(|&i| {
            encoded.tokens[i].segment != Segment::Special
                || encoded.tokens[i - 1].segment != Segment::Special
        })
        .map(EditSite::Insert)
        .collect()
}

/// A masked language model with its tokenizer: the suggestion tool.
#[derive(Debug)]
pub struct MaskedLmSuggester {
    model: DebertaForMaskedLm,
    tokenizer: TextTokenizer,
    max_length: usize,
}

impl MaskedLmSuggester {
    /// Puts a model and a tokenizer (which must have `[MASK]`) together.
    pub fn new(model: DebertaForMaskedLm, tokenizer: TextTokenizer) -> Result<Self> {
        if tokenizer.special_ids().mask.is_none() {
            return Err(ClassifierError::tokenizer(
                tokenizer.origin().map(Path::to_path_buf),
                "a masked LM needs a `[MASK]` token",
            ));
        }
        if tokenizer.vocab_size() as i64 > model.config().vocab_size {
            return Err(ClassifierError::Setting(format!(
                "the tokenizer has {} entries but the model only {} embeddings",
                tokenizer.vocab_size(),
                model.config().vocab_size
            )));
        }
        let max_length = model.config().max_position_embeddings as usize;
        Ok(MaskedLmSuggester {
            model,
            tokenizer,
            max_length,
        })
    }

    /// Loads a masked-LM model directory (`config.json`, weights, `tokenizer.json` or `spm.model`).
    pub fn load(dir: impl AsRef<Path>, device: Device) -> Result<Self> {
        let dir = dir.as_ref();
        let tokenizer = load_dir_tokenizer(dir)?;
        let model = DebertaForMaskedLm::load(dir, device)?;
        Self::new(model, tokenizer)
    }

    /// Writes the model and its tokenizer into `dir`.
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        self.model.save(dir)?;
        save_tokenizer(&self.tokenizer, dir, self.max_length)
    }

    /// Encodes an input as the model reads it (one token short of the limit, leaving room
    /// for an insertion).
    pub fn encode(&self, input: &ModelInput) -> Result<EncodedInput> {
        self.tokenizer.encode_input(input, self.max_length - 1, 0)
    }

    /// The model.
    pub fn model(&self) -> &DebertaForMaskedLm {
        &self.model
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &TextTokenizer {
        &self.tokenizer
    }

    /// The top `k` tokens at each site of `input` (sites index [`MaskedLmSuggester::encode`]'s
    /// tokens), special tokens and (for replacements) the current token excluded.
    pub fn suggest(
        &self,
        input: &ModelInput,
        sites: &[EditSite],
        k: usize,
        options: &BatchOptions,
    ) -> Result<Vec<SiteSuggestions>> {
        options.validate()?;
        let encoded = self.encode(input)?;
        let mask = self.tokenizer.special_ids().mask.unwrap_or(0); // checked in `new`
        let variants = sites
            .iter()
            .map(|&site| self.variant(&encoded, site, mask))
            .collect::<Result<Vec<_>>>()?;
        let vocab = self.model.config().vocab_size;
        let mut banned = vec![false; vocab as usize];
        for id in 0..vocab.min(self.tokenizer.vocab_size() as i64) {
            banned[id as usize] = self.tokenizer.is_special(id);
        }
        for id in self.tokenizer.vocab_size() as i64..vocab {
            banned[id as usize] = true; // embedding rows no token maps to
        }
        let k = k.min(vocab as usize);
        let _guard = tch::no_grad_guard();
        let lengths: Vec<usize> = variants.iter().map(|v| v.ids.len()).collect();
        let mut out: Vec<Option<SiteSuggestions>> = vec![None; sites.len()];
        for bucket in length_buckets(&lengths, options) {
            let pairs: Vec<(&[i64], &[i64])> = bucket
                .iter()
                .map(|&i| (variants[i].ids.as_slice(), variants[i].type_ids.as_slice()))
                .collect();
            let batch = Batch::from_sequences(
                &pairs,
                self.tokenizer.special_ids().pad,
                self.model.device(),
            )?;
            let rows: Vec<i64> = (0..bucket.len() as i64).collect();
            let cols: Vec<i64> = bucket
                .iter()
                .map(|&i| variants[i].position as i64)
                .collect();
            let device = self.model.device();
            let logits = self.model.forward_at(
                &batch,
                &Tensor::f_from_slice(&rows)?.f_to(device)?,
                &Tensor::f_from_slice(&cols)?.f_to(device)?,
                false,
            )?;
            let log_probs = logits.f_log_softmax(-1, Kind::Float)?.f_to(Device::Cpu)?;
            let flat: Vec<f32> = Vec::<f32>::try_from(log_probs.f_flatten(0, -1)?)?;
            for (r, &i) in bucket.iter().enumerate() {
                let row = &flat[r * vocab as usize..(r + 1) * vocab as usize];
                let v = &variants[i];
                out[i] = Some(SiteSuggestions {
                    site: sites[i],
                    segment: v.segment,
                    start: v.start,
                    end: v.end,
                    suggestions: self.top_k(row, k, &banned, v.replaced),
                });
            }
        }
        out.into_iter()
            .enumerate()
            .map(|(i, s)| {
                s.ok_or_else(|| ClassifierError::Input {
                    index: i,
                    message: "no suggestions computed".into(),
                })
            })
            .collect()
    }

    fn top_k(
        &self,
        row: &[f32],
        k: usize,
        banned: &[bool],
        replaced: Option<i64>,
    ) -> Vec<Suggestion> {
        let mut ids: Vec<usize> = (0..row.len())
            .filter(|&id| !banned[id] && Some(id as i64) != replaced)
            .collect();
        // best first, ties by id: a total order, so selecting the k best then sorting
        // them gives what sorting everything would (in O(vocab), not O(vocab log vocab))
        let order = |a: &usize, b: &usize| row[*b].total_cmp(&row[*a]).then(a.cmp(b));
        if k < ids.len() {
            ids.select_nth_unstable_by(k, order);
            ids.truncate(k);
        }
        ids.sort_by(order);
        ids.into_iter()
            .map(|id| Suggestion {
                id: id as i64,
                piece: self.tokenizer.id_to_token(id as i64).unwrap_or_default(),
                log_prob: f64::from(row[id]),
            })
            .collect()
    }

    /// The ids with `[MASK]` at (or inserted at) the site, and where the site is in the text.
    fn variant(&self, e: &EncodedInput, site: EditSite, mask: i64) -> Result<Variant> {
        let bad =
            |message: String| ClassifierError::Setting(format!("edit site {site:?}: {message}"));
        let mut ids = e.ids();
        let mut type_ids = e.type_ids.clone();
        match site {
            EditSite::Replace(i) => {
                let t = e
                    .tokens
                    .get(i)
                    .ok_or_else(|| bad(format!("beyond the {} tokens", e.len())))?;
                if t.segment == Segment::Special {
                    return Err(bad("a special token cannot be replaced".into()));
                }
                ids[i] = mask;
                Ok(Variant {
                    ids,
                    type_ids,
                    position: i,
                    segment: t.segment,
                    start: t.start,
                    end: t.end,
                    replaced: Some(t.id),
                })
            }
            EditSite::Insert(i) => {
                if i == 0 || i >= e.len() {
                    return Err(bad(format!(
                        "insertions go before tokens 1..{}",
                        e.len() - 1
                    )));
                }
                let (at, before) = (&e.tokens[i], &e.tokens[i - 1]);
                let (segment, offset, type_id) = if at.segment != Segment::Special {
                    (at.segment, at.start, e.type_ids[i])
                } else if before.segment != Segment::Special {
                    (before.segment, before.end, e.type_ids[i - 1])
                } else {
                    return Err(bad("no text on either side".into()));
                };
                ids.insert(i, mask);
                type_ids.insert(i, type_id);
                Ok(Variant {
                    ids,
                    type_ids,
                    position: i,
                    segment,
                    start: offset,
                    end: offset,
                    replaced: None,
                })
            }
        }
    }
}

/// One masked copy of the input.
struct Variant {
    ids: Vec<i64>,
    type_ids: Vec<i64>,
    position: usize,
    segment: Segment,
    start: usize,
    end: usize,
    replaced: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(site: EditSite, segment: Segment, start: usize, end: usize) -> SiteSuggestions {
        SiteSuggestions {
            site,
            segment,
            start,
            end,
            suggestions: vec![],
        }
    }

    fn piece(p: &str) -> Suggestion {
        Suggestion {
            id: 0,
            piece: p.into(),
            log_prob: 0.0,
        }
    }

    #[test]
    fn applying_a_suggestion_splices_text() {
        let input = ModelInput::snippet("He took the knife.", "She smiled.");
        // replace " knife" (chars 11..17) by "▁spoon"
        let out = site(EditSite::Replace(4), Segment::Prompt, 11, 17)
            .apply(&input, &piece("▁spoon"))
            .unwrap();
        assert_eq!(
            out,
            ModelInput::snippet("He took the spoon.", "She smiled.")
        );
        // insert "▁sharp" before " knife"
        let out = site(EditSite::Insert(4), Segment::Prompt, 11, 11)
            .apply(&input, &piece("▁sharp"))
            .unwrap();
        assert_eq!(
            out,
            ModelInput::snippet("He took the sharp knife.", "She smiled.")
        );
        // insert a word at the start of the completion
        let out = site(EditSite::Insert(7), Segment::Completion, 0, 0)
            .apply(&input, &piece("▁Then"))
            .unwrap();
        assert_eq!(
            out,
            ModelInput::snippet("He took the knife.", "Then She smiled.")
        );
        // replace the first word of the completion
        let out = site(EditSite::Replace(7), Segment::Completion, 0, 3)
            .apply(&input, &piece("▁He"))
            .unwrap();
        assert_eq!(out, ModelInput::snippet("He took the knife.", "He smiled."));
        assert!(
            site(EditSite::Replace(7), Segment::Completion, 5, 30)
                .apply(&input, &piece("x"))
                .is_err()
        );
    }
}
