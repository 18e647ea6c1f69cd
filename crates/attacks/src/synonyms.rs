//! Synonyms: a small [`SynonymSource`] trait (WordNet behind the `storyworld` feature, a
//! plain table otherwise), inflecting a lemma like the word it replaces, and a
//! [`Suggester`] that offers a word's synonyms as substitutions.

use std::collections::HashMap;

use labels::Snippet;

use crate::edit::Edit;
use crate::error::Result;
use crate::suggester::{Site, Suggester, Suggestion};
use crate::text::{TextSpan, core_of_word, word_spans};

/// Closed-class words (articles, pronouns, prepositions, auxiliaries…) that synonym
/// tools leave alone: WordNet's "synonyms" of them are other senses altogether (`in` →
/// `Indiana`).
#[rustfmt::skip]
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "into", "onto", "over", "under", "as", "is", "was", "were", "are", "be", "been",
    "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "i", "you",
    "we", "me", "us", "my", "your", "our", "that", "this", "these", "those", "there", "then",
    "had", "has", "have", "did", "do", "does", "not", "no", "so", "if", "when", "while",
    "up", "down", "out", "off", "about", "before", "after", "again", "once", "one", "s",
];

/// Words or phrases that can replace a word as written (same inflection), likeliest
/// first.
pub trait SynonymSource {
    /// Replacements for `word` (lowercase); empty when none are known.
    fn synonyms(&self, word: &str) -> Result<Vec<String>>;
}

impl SynonymSource for HashMap<String, Vec<String>> {
    fn synonyms(&self, word: &str) -> Result<Vec<String>> {
        Ok(self.get(word).cloned().unwrap_or_default())
    }
}

impl<S: SynonymSource + ?Sized> SynonymSource for &S {
    fn synonyms(&self, word: &str) -> Result<Vec<String>> {
        (**self).synonyms(word)
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

fn ends_consonant_y(w: &str) -> bool {
    let mut rev = w.chars().rev();
    rev.next() == Some('y') && rev.next().is_some_and(|c| !is_vowel(c))
}

fn past(lemma: &str) -> String {
    if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if ends_consonant_y(lemma) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ed")
    }
}

fn present_participle(lemma: &str) -> String {
    if let Some(stem) = lemma.strip_suffix("ie") {
        format!("{stem}ying")
    } else if lemma.ends_with('e') && !lemma.ends_with("ee") && lemma.len() > 2 {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ing")
    }
}

fn third_person(lemma: &str) -> String {
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|s| lemma.ends_with(s))
    {
        format!("{lemma}es")
    } else if ends_consonant_y(lemma) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    }
}

/// `lemma` inflected the way `word` inflects `base` (regular English rules; the first
/// word of a phrase is the one inflected): `reinflect("stabbed", "stab", "knife")` is
/// `knifed`, `reinflect("broke", "break", "fracture")` is `fractured` (an irregular past
/// becomes a regular one), `reinflect("dying", "die", "pass away")` is `passing away`.
pub fn reinflect(word: &str, base: &str, lemma: &str) -> String {
    if word == base {
        return lemma.to_string();
    }
    let (head, tail) = match lemma.split_once(' ') {
        Some((h, t)) => (h, Some(t)),
        None => (lemma, None),
    };
    let head = if word.ends_with("ing") && !base.ends_with("ing") {
        present_participle(head)
    } else if word.ends_with('s') && !base.ends_with('s') && word.len() > base.len() {
        third_person(head)
    } else {
        // "-ed", "-d" and irregular forms (broke, cut, slain): a past
        past(head)
    };
    match tail {
        Some(t) => format!("{head} {t}"),
        None => head,
    }
}

/// `replacement` with the capitalisation of `original` (first letter, or all capitals).
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        return match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

/// The first word (letters only, punctuation left out) that `span` overlaps.
pub fn word_at(snippet: &Snippet, span: TextSpan) -> Option<TextSpan> {
    word_spans(snippet, span.part)
        .into_iter()
        .filter_map(|w| core_of_word(snippet, w))
        .find(|w| w.overlaps(&span))
}

/// Offers a word's synonyms as substitutions (no insertions): the word containing the
/// site is replaced, keeping its capitalisation; function words ([`FUNCTION_WORDS`]) get
/// none.
pub struct SynonymSuggester<S> {
    name: String,
    source: S,
}

impl<S: SynonymSource> SynonymSuggester<S> {
    /// A suggester over `source`.
    pub fn new(name: impl Into<String>, source: S) -> Self {
        SynonymSuggester {
            name: name.into(),
            source,
        }
    }
}

impl<S: SynonymSource> Suggester for SynonymSuggester<S> {
    fn name(&self) -> &str {
        &self.name
    }

    fn suggest(
        &self,
        snippet: &Snippet,
        sites: &[Site],
        per_site: usize,
    ) -> Result<Vec<Vec<Suggestion>>> {
        sites
            .iter()
            .map(|site| {
                let Site::Replace(span) = *site else {
                    return Ok(Vec::new());
                };
                let Some(word) = word_at(snippet, span) else {
                    return Ok(Vec::new());
                };
                let original = word.text(snippet)?;
                let lower = original.to_lowercase();
                if FUNCTION_WORDS.contains(&lower.as_str()) {
                    return Ok(Vec::new());
                }
                let mut out: Vec<Suggestion> = Vec::new();
                for (rank, synonym) in self.source.synonyms(&lower)?.into_iter().enumerate() {
                    if out.len() >= per_site {
                        break;
                    }
                    let text = match_case(original, &synonym);
                    if text == original || out.iter().any(|s| s.edit.text == text) {
                        continue;
                    }
                    out.push(Suggestion {
                        edit: Edit::replace(word, text),
                        plausibility: -(rank as f64),
                    });
                }
                Ok(out)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Part;

    #[test]
    fn inflections() {
        assert_eq!(reinflect("stabbed", "stab", "knife"), "knifed");
        assert_eq!(reinflect("broke", "break", "fracture"), "fractured");
        assert_eq!(reinflect("dying", "die", "pass away"), "passing away");
        assert_eq!(reinflect("hits", "hit", "punch"), "punches");
        assert_eq!(reinflect("cried", "cry", "bury"), "buried");
        assert_eq!(reinflect("knife", "knife", "blade"), "blade");
        assert_eq!(reinflect("wounds", "wound", "injury"), "injuries");
        assert_eq!(match_case("Stabbed", "knifed"), "Knifed");
        assert_eq!(match_case("HIT", "punch"), "PUNCH");
    }

    #[test]
    fn synonym_suggestions_replace_the_whole_word() {
        let table: HashMap<String, Vec<String>> = [(
            "stabbed".to_string(),
            vec!["knifed".to_string(), "pierced".to_string()],
        )]
        .into_iter()
        .collect();
        let s = Snippet::new("", "Mara stabbed Tom.");
        let sug = SynonymSuggester::new("table", table);
        // a site inside the word (a sub-word token "bed") still replaces all of it
        let out = sug
            .suggest(
                &s,
                &[Site::Replace(TextSpan::new(Part::Completion, 9, 12))],
                5,
            )
            .unwrap();
        let made: Vec<String> = out[0]
            .iter()
            .map(|x| x.edit.apply(&s).unwrap().completion)
            .collect();
        assert_eq!(made, ["Mara knifed Tom.", "Mara pierced Tom."]);
        let none = sug
            .suggest(
                &s,
                &[Site::Insert {
                    part: Part::Completion,
                    at: 0,
                }],
                5,
            )
            .unwrap();
        assert!(none[0].is_empty());
    }
}
