//! The story world's tools for attacks (the `storyworld` feature): WordNet synonyms for
//! the rule-based paraphraser and the synonym suggester, and the injury oracle's
//! egregiousness for the egregiousness objective.

use std::sync::Arc;

use labels::Snippet;
use storyworld::wordnet::PartOfSpeech;
use storyworld::{InjuryOracle, Lexicon};

use crate::error::{AttackError, Result};
use crate::objective::Egregiousness;
use crate::synonyms::{FUNCTION_WORDS, SynonymSource, reinflect};

/// Synonyms from WordNet 3.0 (through the story world's lexicon): the other lemmas of the
/// first few senses of the word's base forms, inflected like the word (none for function
/// words).
#[derive(Debug, Clone)]
pub struct WordNetSynonyms {
    lexicon: Arc<Lexicon>,
    senses_per_word: usize,
}

impl WordNetSynonyms {
    /// Synonyms from the first 3 senses of each base form.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        WordNetSynonyms {
            lexicon,
            senses_per_word: 3,
        }
    }

    /// Synonyms from the first `n` senses (the most frequent).
    pub fn with_senses(mut self, n: usize) -> Self {
        self.senses_per_word = n.max(1);
        self
    }
}

impl SynonymSource for WordNetSynonyms {
    fn synonyms(&self, word: &str) -> Result<Vec<String>> {
        if FUNCTION_WORDS.contains(&word) {
            return Ok(Vec::new());
        }
        let wordnet = self.lexicon.wordnet();
        let fail = |e: storyworld::StoryworldError| AttackError::tool("wordnet", e);
        let order = if word.ends_with("ed") || word.ends_with("ing") {
            [
                PartOfSpeech::Verb,
                PartOfSpeech::Adjective,
                PartOfSpeech::Noun,
                PartOfSpeech::Adverb,
            ]
        } else {
            [
                PartOfSpeech::Noun,
                PartOfSpeech::Verb,
                PartOfSpeech::Adjective,
                PartOfSpeech::Adverb,
            ]
        };
        let mut out: Vec<String> = Vec::new();
        for pos in order {
            for base in wordnet.base_forms(word, pos) {
                for id in wordnet
                    .senses(&base, pos)
                    .map_err(fail)?
                    .into_iter()
                    .take(self.senses_per_word)
                {
                    for lemma in wordnet.synset(id).map_err(fail)?.lemmas {
                        let lemma = lemma.replace('_', " ");
                        // a phrase that contains the word (`horse` → `gymnastic horse`)
                        // only grows the text around it
                        if lemma.split(' ').any(|w| w == base || w == word) {
                            continue;
                        }
                        let form = reinflect(word, &base, &lemma);
                        if form != word && !out.contains(&form) {
                            out.push(form);
                        }
                    }
                }
            }
        }
        Ok(out)
    }
}

impl Egregiousness for InjuryOracle {
    fn egregiousness(&self, snippet: &Snippet) -> Result<f64> {
        InjuryOracle::egregiousness(self, snippet)
            .map(f64::from)
            .map_err(|e| AttackError::tool("injury oracle", e))
    }
}
