//! Where things are in a snippet: its two parts, character spans in them, and words.
//!
//! Offsets are in characters (not bytes), the way the classifier reports its tokens, so
//! that a span computed by one tool can be used by any other.

use labels::Snippet;
use serde::{Deserialize, Serialize};

use crate::error::{AttackError, Result};

/// One of the two texts of a snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The story so far.
    Prompt,
    /// The sentence being judged.
    Completion,
}

impl Part {
    /// Both parts, prompt first.
    pub const BOTH: [Part; 2] = [Part::Prompt, Part::Completion];

    /// The part's text in `snippet`.
    pub fn text(self, snippet: &Snippet) -> &str {
        match self {
            Part::Prompt => &snippet.prompt,
            Part::Completion => &snippet.completion,
        }
    }

    /// The part's text in `snippet`, to change it.
    pub fn text_mut(self, snippet: &mut Snippet) -> &mut String {
        match self {
            Part::Prompt => &mut snippet.prompt,
            Part::Completion => &mut snippet.completion,
        }
    }

    /// `prompt` or `completion`.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Prompt => "prompt",
            Part::Completion => "completion",
        }
    }
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which parts of a snippet an attack may edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditScope {
    /// Only the completion (the part that is judged): the default of the automatic
    /// attacks, which keeps their candidate lists short.
    #[default]
    Completion,
    /// The prompt and the completion, as the paper's people could.
    Both,
}

impl EditScope {
    /// Whether `part` may be edited.
    pub fn allows(self, part: Part) -> bool {
        match self {
            EditScope::Completion => part == Part::Completion,
            EditScope::Both => true,
        }
    }
}

/// A range of characters in one part of a snippet (`start..end`, end exclusive; equal
/// ends mark a point, e.g. where to insert).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TextSpan {
    /// The part.
    pub part: Part,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl TextSpan {
    /// A span.
    pub fn new(part: Part, start: usize, end: usize) -> Self {
        TextSpan { part, start, end }
    }

    /// The text under the span; an error when it does not lie inside the part.
    pub fn text<'a>(&self, snippet: &'a Snippet) -> Result<&'a str> {
        let text = self.part.text(snippet);
        let (a, b) = byte_range(text, self.start, self.end).ok_or_else(|| AttackError::Edit {
            edit: self.to_string(),
            message: format!(
                "lies outside a {} of {} characters",
                self.part,
                text.chars().count()
            ),
        })?;
        Ok(&text[a..b])
    }

    /// Whether the two spans share a character (or a point span lies inside the other).
    pub fn overlaps(&self, other: &TextSpan) -> bool {
        self.part == other.part
            && if self.start == self.end || other.start == other.end {
                self.start.max(other.start) <= self.end.min(other.end)
            } else {
                self.start < other.end && other.start < self.end
            }
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span is a point.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Display for TextSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}..{}]", self.part, self.start, self.end)
    }
}

/// Byte offsets of the character range `start..end` of `text`; `None` when out of range.
pub fn byte_range(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if start > end {
        return None;
    }
    let mut indices = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let a = indices.nth(start)?;
    let b = if end == start {
        a
    } else {
        indices.nth(end - start - 1)?
    };
    Some((a, b))
}

/// The words of one part: maximal runs of non-whitespace characters, as spans.
pub fn word_spans(snippet: &Snippet, part: Part) -> Vec<TextSpan> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut n = 0;
    for (i, ch) in part.text(snippet).chars().enumerate() {
        n = i + 1;
        match (ch.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(TextSpan::new(part, s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(TextSpan::new(part, s, n));
    }
    out
}

/// The letters of a word span without the punctuation around it (`"stabbed,"` →
/// `stabbed`), as a span; `None` when it has no letter or digit.
pub fn core_of_word(snippet: &Snippet, word: TextSpan) -> Option<TextSpan> {
    let text = word.text(snippet).ok()?;
    let chars: Vec<char> = text.chars().collect();
    let first = chars.iter().position(|c| c.is_alphanumeric())?;
    let last = chars.iter().rposition(|c| c.is_alphanumeric())?;
    Some(TextSpan::new(
        word.part,
        word.start + first,
        word.start + last + 1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_follow_characters() {
        let text = "Él cortó";
        assert_eq!(byte_range(text, 0, 2), Some((0, 3))); // "Él": É is two bytes
        assert_eq!(byte_range(text, 3, 8), Some((4, 10)));
        assert_eq!(byte_range(text, 8, 8), Some((10, 10)));
        assert_eq!(byte_range(text, 8, 9), None);
        assert_eq!(byte_range(text, 3, 2), None);
    }

    #[test]
    fn words_and_their_cores() {
        let s = Snippet::new("", "  Tom, stabbed  him!");
        let words = word_spans(&s, Part::Completion);
        let texts: Vec<&str> = words.iter().map(|w| w.text(&s).unwrap()).collect();
        assert_eq!(texts, ["Tom,", "stabbed", "him!"]);
        let core = core_of_word(&s, words[0]).unwrap();
        assert_eq!(core.text(&s).unwrap(), "Tom");
        assert_eq!(
            core_of_word(
                &Snippet::new("", "--"),
                TextSpan::new(Part::Completion, 0, 2)
            ),
            None
        );
    }

    #[test]
    fn overlap_of_points_and_ranges() {
        let a = TextSpan::new(Part::Completion, 2, 5);
        assert!(a.overlaps(&TextSpan::new(Part::Completion, 4, 9)));
        assert!(!a.overlaps(&TextSpan::new(Part::Completion, 5, 9)));
        assert!(a.overlaps(&TextSpan::new(Part::Completion, 5, 5)));
        assert!(!a.overlaps(&TextSpan::new(Part::Prompt, 2, 5)));
    }
}
