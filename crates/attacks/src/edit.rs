//! Edits: one replacement of a character range of one part by new text (an insertion
//! replaces an empty range, a deletion inserts nothing). Every attack speaks in edits, so
//! traces can be replayed and a UI can show what changed.

use labels::Snippet;
use serde::{Deserialize, Serialize};

use crate::error::{AttackError, Result};
use crate::text::{Part, TextSpan, byte_range};

/// Replace `start..end` (characters) of `part` by `text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Edit {
    /// The part edited.
    pub part: Part,
    /// First character replaced.
    pub start: usize,
    /// One past the last character replaced (`== start` for an insertion).
    pub end: usize,
    /// The new text.
    pub text: String,
}

impl Edit {
    /// Replace the characters under `span` by `text`.
    pub fn replace(span: TextSpan, text: impl Into<String>) -> Self {
        Edit {
            part: span.part,
            start: span.start,
            end: span.end,
            text: text.into(),
        }
    }

    /// Insert `text` before character `at` of `part`.
    pub fn insert(part: Part, at: usize, text: impl Into<String>) -> Self {
        Edit {
            part,
            start: at,
            end: at,
            text: text.into(),
        }
    }

    /// Replace the whole of `part` (as it is in `snippet`) by `text`.
    pub fn replace_part(snippet: &Snippet, part: Part, text: impl Into<String>) -> Self {
        Edit {
            part,
            start: 0,
            end: part.text(snippet).chars().count(),
            text: text.into(),
        }
    }

    /// The range replaced.
    pub fn span(&self) -> TextSpan {
        TextSpan::new(self.part, self.start, self.end)
    }

    /// Whether the edit only inserts.
    pub fn is_insertion(&self) -> bool {
        self.start == self.end
    }

    /// The snippet with the edit made. An error when the range lies outside the part, or
    /// when the completion would be left without text.
    pub fn apply(&self, snippet: &Snippet) -> Result<Snippet> {
        let text = self.part.text(snippet);
        let (a, b) = byte_range(text, self.start, self.end).ok_or_else(|| AttackError::Edit {
            edit: self.to_string(),
            message: format!(
                "the range lies outside a {} of {} characters",
                self.part,
                text.chars().count()
            ),
        })?;
        let mut out = snippet.clone();
        let mut new_text = String::with_capacity(text.len() + self.text.len());
        new_text.push_str(&text[..a]);
        new_text.push_str(&self.text);
        new_text.push_str(&text[b..]);
        *self.part.text_mut(&mut out) = new_text;
        if out.completion.trim().is_empty() {
            return Err(AttackError::Edit {
                edit: self.to_string(),
                message: "it would leave the completion empty".into(),
            });
        }
        Ok(out)
    }

    /// The smallest edits that turn `old` into `new`: none when they are equal, one per
    /// part that differs (the common start and end of the part are kept).
    pub fn diff(old: &Snippet, new: &Snippet) -> Vec<Edit> {
        let mut out = Vec::new();
        for part in Part::BOTH {
            let a: Vec<char> = part.text(old).chars().collect();
            let b: Vec<char> = part.text(new).chars().collect();
            if a == b {
                continue;
            }
            let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
            let max_suffix = a.len().min(b.len()) - prefix;
            let suffix = a
                .iter()
                .rev()
                .zip(b.iter().rev())
                .take(max_suffix)
                .take_while(|(x, y)| x == y)
                .count();
            out.push(Edit {
                part,
                start: prefix,
                end: a.len() - suffix,
                text: b[prefix..b.len() - suffix].iter().collect(),
            });
        }
        out
    }
}

impl std::fmt::Display for Edit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} → {:?}", self.span(), self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s() -> Snippet {
        Snippet::new("Mara held the knife.", "She stabbed Tom.")
    }

    #[test]
    fn replace_insert_delete() {
        let e = Edit::replace(TextSpan::new(Part::Completion, 4, 11), "poked");
        assert_eq!(e.apply(&s()).unwrap().completion, "She poked Tom.");
        let e = Edit::insert(Part::Completion, 4, "suddenly ");
        assert_eq!(
            e.apply(&s()).unwrap().completion,
            "She suddenly stabbed Tom."
        );
        let e = Edit::replace(TextSpan::new(Part::Prompt, 9, 13), "");
        assert_eq!(e.apply(&s()).unwrap().prompt, "Mara held knife.");
    }

    #[test]
    fn bad_edits_are_errors() {
        let outside = Edit::replace(TextSpan::new(Part::Completion, 10, 40), "x");
        assert!(matches!(outside.apply(&s()), Err(AttackError::Edit { .. })));
        let emptying = Edit::replace_part(&s(), Part::Completion, "  ");
        assert!(emptying.apply(&s()).is_err());
    }

    #[test]
    fn diff_finds_the_minimal_edit_and_round_trips() {
        let old = s();
        let new = Snippet::new("Mara held the knife.", "She badly stabbed Tom.");
        let edits = Edit::diff(&old, &new);
        assert_eq!(edits, vec![Edit::insert(Part::Completion, 4, "badly ")]);
        assert_eq!(edits[0].apply(&old).unwrap(), new);
        assert!(Edit::diff(&old, &old).is_empty());
        // both parts changed: two edits, applicable one after the other
        let both = Snippet::new("Mara held a knife.", "She cut Tom.");
        let edits = Edit::diff(&old, &both);
        assert_eq!(edits.len(), 2);
        let mut x = old.clone();
        for e in &edits {
            x = e.apply(&x).unwrap();
        }
        assert_eq!(x, both);
        // repeated characters: "aa" → "aaa" is one insertion
        let edits = Edit::diff(&Snippet::new("", "aa"), &Snippet::new("", "aaa"));
        assert_eq!(edits, vec![Edit::insert(Part::Completion, 2, "a")]);
    }
}
