//! How a snippet becomes one model input — the same in training, scoring, saliency and
//! attacks.
//!
//! A [`ModelInput::Snippet`] is encoded as a sequence pair, `[CLS] prompt [SEP] completion
//! [SEP]`, with token type 0 for `[CLS] prompt [SEP]` and 1 for `completion [SEP]` (what
//! `tokenizer(prompt, completion)` gives in `transformers`); a [`ModelInput::Text`] as
//! `[CLS] text [SEP]`. When the encoding is longer than the model's limit, tokens are
//! dropped from the **start of the prompt** (the story's oldest sentences); the completion —
//! the part being judged — is never cut, and a completion that cannot fit even with an
//! empty prompt is an error. A plain text that does not fit loses tokens from its start
//! too. [`EncodedInput::truncated_tokens`] tells how many tokens were dropped.
//!
//! Every token keeps its character offsets in the text it came from, so that saliency
//! and suggestions map back onto words.

use serde::{Deserialize, Serialize};

use crate::error::{ClassifierError, Result};
use crate::io::tokenizer::TextTokenizer;

/// What the classifier reads: a snippet (prompt and completion) or a plain text.
///
/// A snippet is encoded as the sequence pair `[CLS] prompt [SEP] completion [SEP]` (token
/// types 0, then 1 from the completion on), a text as `[CLS] text [SEP]`; training,
/// scoring, saliency and attacks all use this one encoding. Too long an input loses tokens
/// from the start of its prompt (or text); the completion is never cut
/// ([`EncodedInput::truncated_tokens`] counts what was dropped). In JSON a snippet is
/// `{"prompt": …, "completion": …}` and a text `{"text": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ModelInput {
    /// A prompt and its completion, encoded as a sequence pair.
    Snippet(labels::Snippet),
    /// A single text, encoded as one sequence.
    Text {
        /// The text.
        text: String,
    },
}

impl ModelInput {
    /// A snippet input.
    pub fn snippet(prompt: impl Into<String>, completion: impl Into<String>) -> Self {
        ModelInput::Snippet(labels::Snippet::new(prompt, completion))
    }

    /// A plain-text input.
    pub fn text(text: impl Into<String>) -> Self {
        ModelInput::Text { text: text.into() }
    }

    /// The text of a segment (`None` for [`Segment::Special`] or a segment this input lacks).
    pub fn segment_text(&self, segment: Segment) -> Option<&str> {
        match (self, segment) {
            (ModelInput::Snippet(s), Segment::Prompt) => Some(&s.prompt),
            (ModelInput::Snippet(s), Segment::Completion) => Some(&s.completion),
            (ModelInput::Text { text }, Segment::Text) => Some(text),
            _ => None,
        }
    }
}

impl From<labels::Snippet> for ModelInput {
    fn from(s: labels::Snippet) -> Self {
        ModelInput::Snippet(s)
    }
}

/// Which part of the input a token comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// `[CLS]`, `[SEP]`: added by the encoding, in no text.
    Special,
    /// The snippet's prompt.
    Prompt,
    /// The snippet's completion.
    Completion,
    /// A plain text input.
    Text,
}

/// One token of an encoded input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Its vocabulary id.
    pub id: i64,
    /// Its vocabulary entry (e.g. `▁knife`).
    pub piece: String,
    /// The text it comes from.
    pub segment: Segment,
    /// Character offset (not byte) of its start in that text (0 for special tokens).
    pub start: usize,
    /// Character offset of its end, exclusive.
    pub end: usize,
}

/// An input ready for the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedInput {
    /// The tokens, `[CLS]` first.
    pub tokens: Vec<Token>,
    /// Token type of each token (0 or 1).
    pub type_ids: Vec<i64>,
    /// How many tokens were dropped from the start of the prompt (or text) to fit.
    pub truncated_tokens: usize,
}

impl EncodedInput {
    /// The token ids.
    pub fn ids(&self) -> Vec<i64> {
        self.tokens.iter().map(|t| t.id).collect()
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether there are no tokens (never true for an encoding made by this crate).
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Whether tokens were dropped to fit the length limit.
    pub fn was_truncated(&self) -> bool {
        self.truncated_tokens > 0
    }
}

impl TextTokenizer {
    /// Encodes an input in at most `max_length` tokens (see the module docs for the layout
    /// and truncation). `index` names the input in errors.
    pub fn encode_input(
        &self,
        input: &ModelInput,
        max_length: usize,
        index: usize,
    ) -> Result<EncodedInput> {
        let bad = |message: String| ClassifierError::Input { index, message };
        let encoding = match input {
            ModelInput::Snippet(s) => {
                if s.completion.trim().is_empty() {
                    return Err(bad("the completion is empty".into()));
                }
                self.inner()
                    .encode_char_offsets((s.prompt.as_str(), s.completion.as_str()), true)
            }
            ModelInput::Text { text } => {
                if text.trim().is_empty() {
                    return Err(bad("the text is empty".into()));
                }
                self.inner().encode_char_offsets(text.as_str(), true)
            }
        }
        .map_err(|e| bad(format!("tokenization failed: {e}")))?;
        let (first, second) = match input {
            ModelInput::Snippet(_) => (Segment::Prompt, Segment::Completion),
            ModelInput::Text { .. } => (Segment::Text, Segment::Text),
        };
        let special = encoding.get_special_tokens_mask();
        let sequence_ids = encoding.get_sequence_ids();
        let mut tokens = Vec::with_capacity(encoding.len());
        for (i, (&id, piece)) in encoding
            .get_ids()
            .iter()
            .zip(encoding.get_tokens())
            .enumerate()
        {
            let (start, end) = encoding.get_offsets()[i];
            let segment = match (special[i], sequence_ids[i]) {
                (1, _) | (_, None) => Segment::Special,
                (_, Some(0)) => first,
                (_, Some(_)) => second,
            };
            let (start, end) = if segment == Segment::Special {
                (0, 0)
            } else {
                (start, end)
            };
            tokens.push(Token {
                id: i64::from(id),
                piece: piece.clone(),
                segment,
                start,
                end,
            });
        }
        let mut type_ids: Vec<i64> = encoding
            .get_type_ids()
            .iter()
            .map(|&t| i64::from(t))
            .collect();
        let excess = tokens.len().saturating_sub(max_length);
        if excess > 0 {
            let droppable: Vec<usize> = tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| t.segment == first)
                .map(|(i, _)| i)
                .take(excess)
                .collect();
            if droppable.len() < excess {
                return Err(bad(match input {
                    ModelInput::Snippet(_) => format!(
                        "the completion alone needs {} tokens with [CLS] and [SEP]s, more than the limit of {max_length} (the completion is never cut)",
                        tokens.len() - droppable.len()
                    ),
                    ModelInput::Text { .. } => {
                        format!("cannot fit in {max_length} tokens with its special tokens")
                    }
                }));
            }
            for &i in droppable.iter().rev() {
                tokens.remove(i);
                type_ids.remove(i);
            }
        }
        Ok(EncodedInput {
            tokens,
            type_ids,
            truncated_tokens: excess,
        })
    }
}
