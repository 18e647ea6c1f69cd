//! A paraphraser by rules and synonyms, for the embedded default (no large language
//! model): each paraphrase makes one to a few random changes to the completion — a
//! content word swapped for a synonym (inflected like it), a stock phrase swapped for an
//! equivalent, an adverb dropped, or an opening adverbial added.

use labels::Snippet;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::paraphraser::Paraphraser;
use crate::edit::Edit;
use crate::error::{AttackError, Result};
use crate::synonyms::{FUNCTION_WORDS, SynonymSource, match_case};
use crate::text::{Part, TextSpan, core_of_word, word_spans};

/// Settings of the rule-based paraphraser.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleParaphraserConfig {
    /// Seed of its random choices.
    pub seed: u64,
    /// Most changes per paraphrase (at least one is made).
    pub max_changes: usize,
    /// Synonyms considered per word (the first ones: the most frequent senses).
    pub synonyms_per_word: usize,
}

impl Default for RuleParaphraserConfig {
    /// Seed 0, up to 3 changes, the first 6 synonyms.
    fn default() -> Self {
        RuleParaphraserConfig {
            seed: 0,
            max_changes: 3,
            synonyms_per_word: 6,
        }
    }
}

/// Pairs of interchangeable phrases (either way round).
#[rustfmt::skip]
const PHRASES: &[(&str, &str)] = &[
    ("suddenly", "all of a sudden"), ("began to", "started to"), ("quickly", "swiftly"),
    ("tried to", "attempted to"), ("looked at", "glanced at"), ("did not", "didn't"),
    ("was not", "wasn't"), ("could not", "couldn't"), ("very", "really"),
    ("a moment later", "moments later"), ("at once", "immediately"), ("big", "large"),
    ("small", "little"), ("shouted", "yelled"), ("said", "told them"), ("grabbed", "seized"),
];

/// Adverbs that can be dropped.
const DROPPABLE: &[&str] = &[
    "suddenly", "quickly", "slowly", "just", "really", "very", "then", "finally", "quietly",
    "simply", "again",
];

/// Openings that can be put in front of a completion.
const OPENERS: &[&str] = &[
    "Then",
    "Suddenly",
    "After that",
    "Moments later",
    "Without warning",
    "In that moment",
];

/// First words that are lower-cased after an added opening (not names).
const LOWERCASABLE: &[&str] = &[
    "She", "He", "They", "The", "A", "An", "His", "Her", "Their", "It", "We", "You", "There",
    "This", "That", "Its", "My", "Our", "Your",
];

/// One rewriting rule: an edit of the completion, when the rule applies.
type Rule<S> = fn(&mut RuleParaphraser<S>, &Snippet) -> Result<Option<Edit>>;

/// The rule-based paraphraser (see the module docs), over a synonym source.
pub struct RuleParaphraser<S> {
    config: RuleParaphraserConfig,
    synonyms: S,
    rng: ChaCha8Rng,
}

impl<S: SynonymSource> RuleParaphraser<S> {
    /// A paraphraser with these settings and synonyms.
    pub fn new(config: RuleParaphraserConfig, synonyms: S) -> Result<Self> {
        if config.max_changes == 0 || config.synonyms_per_word == 0 {
            return Err(AttackError::Setting(format!(
                "max_changes and synonyms_per_word must be positive: {config:?}"
            )));
        }
        Ok(RuleParaphraser {
            rng: ChaCha8Rng::seed_from_u64(config.seed),
            config,
            synonyms,
        })
    }

    /// One random change to `snippet`'s completion, if one applies.
    fn change(&mut self, snippet: &Snippet) -> Result<Option<Snippet>> {
        let rules: [Rule<S>; 4] = [
            Self::synonym,
            Self::synonym, // synonyms are the richest rule: twice as likely
            Self::phrase,
            Self::drop_or_open,
        ];
        for _ in 0..4 {
            let rule = rules[self.rng.random_range(0..rules.len())];
            if let Some(edit) = rule(self, snippet)?
                && let Ok(out) = edit.apply(snippet)
            {
                return Ok(Some(out));
            }
        }
        Ok(None)
    }

    fn synonym(&mut self, snippet: &Snippet) -> Result<Option<Edit>> {
        let words: Vec<TextSpan> = word_spans(snippet, Part::Completion)
            .into_iter()
            .enumerate()
            .filter_map(|(i, w)| core_of_word(snippet, w).map(|c| (i, c)))
            .filter(|(i, w)| {
                let text = w.text(snippet).unwrap_or_default();
                let lower = text.to_lowercase();
                // a capital inside the sentence is a name: leave it
                let name = *i > 0 && text.chars().next().is_some_and(char::is_uppercase);
                lower.chars().count() > 2 && !FUNCTION_WORDS.contains(&lower.as_str()) && !name
            })
            .map(|(_, w)| w)
            .collect();
        let Some(&word) = words.choose(&mut self.rng) else {
            return Ok(None);
        };
        let original = word.text(snippet)?;
        let mut options = self.synonyms.synonyms(&original.to_lowercase())?;
        options.truncate(self.config.synonyms_per_word);
        Ok(options
            .choose(&mut self.rng)
            .map(|s| Edit::replace(word, match_case(original, s))))
    }

    fn phrase(&mut self, snippet: &Snippet) -> Result<Option<Edit>> {
        // lower-cased one character for one character, so offsets carry over
        let text: String = snippet
            .completion
            .chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect();
        let mut found: Vec<(usize, &str, &str)> = Vec::new();
        for &(a, b) in PHRASES {
            for (from, to) in [(a, b), (b, a)] {
                if let Some(at) = find_phrase(&text, from) {
                    found.push((at, from, to));
                }
            }
        }
        let Some(&(byte, from, to)) = found.choose(&mut self.rng) else {
            return Ok(None);
        };
        let start = text[..byte].chars().count();
        let span = TextSpan::new(Part::Completion, start, start + from.chars().count());
        let original = span.text(snippet)?;
        Ok(Some(Edit::replace(span, match_case(original, to))))
    }

    fn drop_or_open(&mut self, snippet: &Snippet) -> Result<Option<Edit>> {
        let words = word_spans(snippet, Part::Completion);
        let droppable: Vec<TextSpan> = words
            .iter()
            .filter(|w| {
                core_of_word(snippet, **w).is_some_and(|c| {
                    c == **w
                        && DROPPABLE
                            .contains(&c.text(snippet).unwrap_or_default().to_lowercase().as_str())
                })
            })
            .copied()
            .collect();
        if !droppable.is_empty() && self.rng.random_bool(0.5) {
            let w = droppable[self.rng.random_range(0..droppable.len())];
            // the word and the space after it (or before it, at the end)
            let n = snippet.completion.chars().count();
            let span = if w.end < n {
                TextSpan::new(Part::Completion, w.start, w.end + 1)
            } else {
                TextSpan::new(Part::Completion, w.start.saturating_sub(1), w.end)
            };
            if w.start == 0 {
                // the next word starts the sentence now
                let rest: String = snippet.completion.chars().skip(span.end).collect();
                return Ok(Some(Edit::replace(
                    TextSpan::new(Part::Completion, 0, n),
                    match_case("X", &rest),
                )));
            }
            return Ok(Some(Edit::replace(span, "")));
        }
        let Some(first) = words.first() else {
            return Ok(None);
        };
        let first_word = first.text(snippet)?;
        if OPENERS.iter().any(|o| snippet.completion.starts_with(o)) {
            return Ok(None);
        }
        let opener = OPENERS[self.rng.random_range(0..OPENERS.len())];
        let replacement = if LOWERCASABLE.contains(&first_word) {
            first_word.to_lowercase()
        } else {
            first_word.to_string()
        };
        Ok(Some(Edit::replace(
            *first,
            format!("{opener}, {replacement}"),
        )))
    }
}

/// The byte offset of `phrase` in `text` as whole words, if it occurs.
fn find_phrase(text: &str, phrase: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find(phrase) {
        let at = from + at;
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(at);
        }
        from = at + phrase.len();
    }
    None
}

impl<S: SynonymSource> Paraphraser for RuleParaphraser<S> {
    fn name(&self) -> &str {
        "rules"
    }

    fn paraphrase(&mut self, snippet: &Snippet, n: usize) -> Result<Vec<Snippet>> {
        let mut out: Vec<Snippet> = Vec::new();
        let mut attempts = 0;
        while out.len() < n && attempts < 10 * n + 10 {
            attempts += 1;
            let changes = self.rng.random_range(1..=self.config.max_changes);
            let mut current = snippet.clone();
            for _ in 0..changes {
                if let Some(next) = self.change(&current)? {
                    current = next;
                }
            }
            if current != *snippet && !out.contains(&current) {
                out.push(current);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn table() -> HashMap<String, Vec<String>> {
        [
            ("stabbed", vec!["knifed", "pierced"]),
            ("knife", vec!["blade", "dagger"]),
            ("angry", vec!["furious"]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
        .collect()
    }

    #[test]
    fn paraphrases_are_distinct_new_and_reproducible() {
        let s = Snippet::new("Mara was angry.", "Suddenly she stabbed Tom with a knife.");
        let mut p = RuleParaphraser::new(RuleParaphraserConfig::default(), table()).unwrap();
        let out = p.paraphrase(&s, 8).unwrap();
        assert_eq!(out.len(), 8);
        for x in &out {
            assert_eq!(x.prompt, s.prompt); // only the completion is rewritten
            assert_ne!(x.completion, s.completion);
        }
        let mut again = RuleParaphraser::new(RuleParaphraserConfig::default(), table()).unwrap();
        assert_eq!(again.paraphrase(&s, 8).unwrap(), out);
        // "Tom" is a name: never swapped; "with" is a function word
        assert!(out.iter().all(|x| x.completion.contains("Tom")));
    }

    #[test]
    fn single_rules_by_example() {
        assert_eq!(find_phrase("he began to run", "began to"), Some(3));
        // offsets survive characters whose lower case is longer (İ → i̇)
        let s = Snippet::new("", "İlse began to run.");
        let mut p = RuleParaphraser::new(RuleParaphraserConfig::default(), table()).unwrap();
        let e = p.phrase(&s).unwrap().unwrap();
        assert_eq!(e.apply(&s).unwrap().completion, "İlse started to run.");
        assert_eq!(find_phrase("the verymost", "very"), None);
        let s = Snippet::new("", "Then she left.");
        let mut p = RuleParaphraser::new(RuleParaphraserConfig::default(), table()).unwrap();
        let made: std::collections::HashSet<String> = (0..40)
            .filter_map(|_| p.drop_or_open(&s).unwrap())
            .map(|e| e.apply(&s).unwrap().completion)
            .collect();
        // dropping "Then" re-capitalises the next word; "Then" already opens it, so no
        // opener is added
        assert!(made.contains("She left."), "{made:?}");
        assert!(made.iter().all(|m| m == "She left."), "{made:?}");
        let t = Snippet::new("", "She left.");
        let opened = p.drop_or_open(&t).unwrap().unwrap().apply(&t).unwrap();
        assert!(opened.completion.ends_with(", she left."), "{opened:?}");
    }
}
