//! Whether a text is written in the world's language: every word one the world itself
//! uses, and one whole sentence (well-formed); stricter, a sentence the world itself
//! writes, up to the characters' names (a world sentence). A generator trained on the
//! world's corpus should write completions that pass; word salad (`Sro pointed at a
//! killing waramille gar`) does not, nor do two sentences fused into one (`Estelle's arrow
//! killed Hollis looked out at the rain`), and labels, classifiers and failure rates
//! measured on such text measure noise.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::world::World;

/// Stories of the world's corpus read to collect its words and sentences (the vocabulary
/// stops growing after about 15,000 at seed 0: 1,830 words at 15,000 stories, 1,832 at
/// 20,000; the sentence shapes keep growing slowly, see [`Fluency::world_sentence`]).
pub const REFERENCE_STORIES: usize = 20_000;
/// Snippets of each of the world's snippet streams (initial and test) read besides.
pub const REFERENCE_SNIPPETS: usize = 20_000;

/// The words of a text, lowercased, apostrophes kept inside words (`don't`, `Tom's`) and
/// trimmed at their ends.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    written_words(text).map(str::to_lowercase)
}

/// The words of a text as written (case kept), apostrophes trimmed at their ends.
fn written_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
}

/// The words and sentence shapes a world writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorldVocabulary {
    words: HashSet<String>,
    /// Words seen starting with a lowercase letter (a capitalised word never seen so is a
    /// name).
    common: HashSet<String>,
    /// Sentences with their names replaced (see [`WorldVocabulary::shape`]).
    shapes: HashSet<String>,
}

/// What [`WorldVocabulary::check`] found in one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fluency {
    /// Words in the text.
    pub words: usize,
    /// Its words the world never writes, in order of appearance (repeats kept).
    pub unknown_words: Vec<String>,
    /// Whether it is one whole sentence: it starts with a capital (after an opening
    /// quote), ends with `.`, `!` or `?` (before closing quotes), its double quotes are
    /// balanced, and no sentence ends inside it outside quotes.
    pub one_sentence: bool,
    /// Whether it is, word for word up to the characters' names, a sentence the world
    /// wrote in the reference sample. The sample does not hold every sentence the world
    /// can write: on sentences the world writes beyond it this is true for about 97–99%
    /// (see [`WorldVocabulary::of_world`]), so read it beside that coverage.
    pub world_sentence: bool,
}

impl Fluency {
    /// Words of the world only, at least one, forming one sentence.
    pub fn well_formed(&self) -> bool {
        self.words > 0 && self.unknown_words.is_empty() && self.one_sentence
    }
}

impl WorldVocabulary {
    /// The words and sentences of `world`: the sentences of its first
    /// [`REFERENCE_STORIES`] corpus stories and the completions of its first
    /// [`REFERENCE_SNIPPETS`] initial and test snippets (and the prompts' words).
    pub fn of_world(world: &World) -> Self {
        let mut sentences: Vec<String> = Vec::new();
        for i in 0..REFERENCE_STORIES as u64 {
            sentences.extend(world.story_sentences(i));
        }
        let mut prompts = Vec::new();
        for i in 0..REFERENCE_SNIPPETS as u64 {
            for ws in [world.snippet(i), world.test_snippet(i)] {
                prompts.push(ws.snippet.prompt);
                sentences.push(ws.snippet.completion);
            }
        }
        let mut vocabulary = WorldVocabulary::from_sentences(&sentences);
        for p in &prompts {
            vocabulary.add_words(p);
        }
        vocabulary
    }

    /// The words and sentences of `sentences` (each one sentence).
    ///
    /// ```
    /// use storyworld::WorldVocabulary;
    /// let world = WorldVocabulary::from_sentences(&["Conrad folded the map.", "The map was old."]);
    /// assert!(world.check("Mara folded the map.").world_sentence); // names aside
    /// assert!(world.check("The map folded the map.").well_formed()); // words, one sentence
    /// assert!(!world.check("The map folded the map.").world_sentence);
    /// assert!(!world.check("Mara folded the waramille.").well_formed());
    /// ```
    pub fn from_sentences<S: AsRef<str>>(sentences: &[S]) -> Self {
        let mut vocabulary = WorldVocabulary {
            words: HashSet::new(),
            common: HashSet::new(),
            shapes: HashSet::new(),
        };
        for s in sentences {
            vocabulary.add_words(s.as_ref());
        }
        let shapes = sentences
            .iter()
            .map(|s| vocabulary.shape(s.as_ref()))
            .collect();
        vocabulary.shapes = shapes;
        vocabulary
    }

    fn add_words(&mut self, text: &str) {
        for w in written_words(text) {
            if w.chars().next().is_some_and(char::is_lowercase) {
                self.common.insert(w.to_string());
            }
            self.words.insert(w.to_lowercase());
        }
    }

    /// A sentence with each name (a capitalised word the world never writes in lower
    /// case) replaced by `N`, its other words lowercased, split into words and
    /// punctuation: `Mara's knife cut Tom.` → `n 's knife cut n .`
    pub fn shape(&self, sentence: &str) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut Vec<String>| {
            if word.is_empty() {
                return;
            }
            let (stem, suffix) = match word.find('\'') {
                Some(i) if i > 0 => word.split_at(i),
                _ => (word.as_str(), ""),
            };
            let name = stem.chars().next().is_some_and(char::is_uppercase)
                && !self.common.contains(&stem.to_lowercase());
            out.push(if name {
                format!("N{suffix}")
            } else {
                word.to_lowercase()
            });
            word.clear();
        };
        for c in sentence.trim().chars() {
            if c.is_alphanumeric() || (c == '\'' && !word.is_empty()) {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                if !c.is_whitespace() {
                    out.push(c.to_string());
                }
            }
        }
        flush(&mut word, &mut out);
        out.join(" ")
    }

    /// Distinct words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether no word is known.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the world writes `word` (compared lowercased).
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }

    /// The words of `text` and whether it forms one sentence.
    pub fn check(&self, text: &str) -> Fluency {
        let mut n = 0;
        let mut unknown_words = Vec::new();
        for w in words(text) {
            n += 1;
            if !self.words.contains(&w) {
                unknown_words.push(w);
            }
        }
        Fluency {
            words: n,
            unknown_words,
            one_sentence: is_one_sentence(text),
            world_sentence: self.shapes.contains(&self.shape(text)),
        }
    }
}

const TERMINATORS: [char; 3] = ['.', '!', '?'];
const CLOSERS: [char; 3] = ['"', '\'', ')'];

/// One whole sentence (see [`Fluency::one_sentence`]).
pub fn is_one_sentence(text: &str) -> bool {
    let t = text.trim();
    let starts_well = t
        .chars()
        .find(|c| !matches!(c, '"' | '\''))
        .is_some_and(char::is_uppercase);
    let ends_well = t.trim_end_matches(CLOSERS).ends_with(TERMINATORS);
    let quotes = t.matches('"').count();
    if !(starts_well && ends_well && quotes.is_multiple_of(2)) {
        return false;
    }
    // a terminator followed by a space and a capital, outside quotes, ends a sentence
    let chars: Vec<char> = t.chars().collect();
    let mut in_quote = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == '"' {
            in_quote = !in_quote;
        } else if !in_quote
            && TERMINATORS.contains(&c)
            && chars.get(i + 1) == Some(&' ')
            && chars
                .get(i + 2)
                .is_some_and(|n| n.is_uppercase() || *n == '"')
        {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> WorldVocabulary {
        WorldVocabulary::from_sentences(&[
            "Conrad folded the map and put it away.",
            "\"Shoot her!\" the captain ordered.",
            "The map was old.",
        ])
    }

    #[test]
    fn world_sentences_are_well_formed() {
        let v = vocabulary();
        assert!(v.check("Conrad folded the map.").well_formed());
        assert!(v.check("\"Shoot her!\" the captain ordered.").well_formed());
        assert!(v.check("\"Put it away.\"").well_formed());
    }

    #[test]
    fn word_salad_and_fragments_are_not() {
        let v = vocabulary();
        let salad = v.check("Conrad folded a waramille gar.");
        assert_eq!(salad.unknown_words, vec!["a", "waramille", "gar"]);
        assert!(!salad.well_formed());
        assert!(!v.check("Conrad folded the map and").one_sentence);
        assert!(!v.check("conrad folded the map.").one_sentence);
        assert!(
            !v.check("Conrad folded the map. Conrad put it away.")
                .one_sentence
        );
        assert!(!v.check("\"Conrad folded the map.").one_sentence);
        assert!(!v.check("").well_formed());
        assert!(!v.check("...").well_formed());
    }

    #[test]
    fn world_sentences_are_the_world_s_up_to_names() {
        let v = vocabulary();
        assert_eq!(v.shape("Mara's map was old."), "N's map was old .");
        assert!(
            v.check("Zara folded the map and put it away.")
                .world_sentence
        );
        assert!(
            v.check("\"Shoot her!\" the captain ordered.")
                .world_sentence
        );
        // every word the world's, one sentence, yet two sentences fused
        let fused = v.check("Conrad folded the map was old.");
        assert!(fused.well_formed());
        assert!(!fused.world_sentence);
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        let got: Vec<String> = words("Tom's 'map' didn't fit.").collect();
        assert_eq!(got, vec!["tom's", "map", "didn't", "fit"]);
    }
}
