//! Phrase patterns (death idioms, figurative phrases), compiled once: each word of a
//! pattern is the set of forms it matches (`kick*` → kick, kicks, kicked, kicking), or a
//! possessive (`POSS` → his, her, their, my, your, Tom's…), or any one word (`ANY`),
//! indexed by first word.

use std::collections::{HashMap, HashSet};

use super::inflect::regular_verb_forms;

/// One word of a phrase pattern.
#[derive(Debug, Clone)]
pub(crate) enum PhraseWord {
    /// Any of these forms (a handful, compared one by one: cheaper than hashing).
    Forms(Vec<String>),
    /// A possessive determiner or a possessive name.
    Possessive,
    /// Any one word (`ANY`): `cut* ANY to the quick`.
    Any,
}

/// A compiled phrase pattern.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub text: &'static str,
    pub words: Vec<PhraseWord>,
}

/// A set of phrases indexed by the forms of their first word.
#[derive(Debug, Default)]
pub(crate) struct PhraseSet {
    phrases: Vec<Phrase>,
    by_first: HashMap<String, Vec<usize>>,
    possessive_first: Vec<usize>,
}

/// The forms of a pattern word: `word*` is every inflection of the verb (regular and
/// irregular from `irregular`), anything else is itself.
pub(crate) fn forms(word: &str, irregular: &HashMap<String, Vec<String>>) -> HashSet<String> {
    let mut out = HashSet::new();
    match word.strip_suffix('*') {
        Some(stem) => {
            let (third, past, ing) = regular_verb_forms(stem);
            out.insert(stem.to_string());
            out.insert(third);
            out.extend(past);
            out.extend(ing);
            // `brothers` for `brother*`: a noun's plural
            out.insert(format!("{stem}s"));
            if let Some(irr) = irregular.get(stem) {
                out.extend(irr.iter().cloned());
            }
        }
        None => {
            out.insert(word.to_string());
        }
    }
    out
}

impl PhraseSet {
    /// Compiles the patterns.
    pub fn new(patterns: &[&'static str], irregular: &HashMap<String, Vec<String>>) -> Self {
        let mut set = PhraseSet::default();
        for &text in patterns {
            let words: Vec<PhraseWord> = text
                .split(' ')
                .map(|w| {
                    if w == "POSS" {
                        PhraseWord::Possessive
                    } else if w == "ANY" {
                        PhraseWord::Any
                    } else {
                        let mut list: Vec<String> = forms(w, irregular).into_iter().collect();
                        list.sort();
                        PhraseWord::Forms(list)
                    }
                })
                .collect();
            let k = set.phrases.len();
            match words.first() {
                Some(PhraseWord::Forms(first)) => {
                    for f in first {
                        set.by_first.entry(f.clone()).or_default().push(k);
                    }
                }
                _ => set.possessive_first.push(k),
            }
            set.phrases.push(Phrase { text, words });
        }
        set
    }

    /// The phrases that can start with `word`.
    pub fn starting_with<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Phrase> + 'a {
        self.by_first
            .get(word)
            .into_iter()
            .flatten()
            .chain(self.possessive_first.iter())
            .map(|&k| &self.phrases[k])
    }
}
