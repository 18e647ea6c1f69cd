//! The lexicon itself: every word class it holds, its sizes, and the questions asked of it
//! (an injury word's kind, whether a word is a body part, a character, a weapon; WordNet
//! synonyms). Its constructors and its spelling questions are in the parent module, which
//! calls [`super::build`] and [`super::spelling`]: those use the lexicon, so it does not
//! call them itself.

use std::collections::{HashMap, HashSet};

use super::entries::{
    AdjectiveEntry, BodyPart, EffectMeaning, NounEntry, PhraseVerb, VerbEntry, Weapon,
};
use super::inflect::VerbForm;
use super::kind::InjuryKind;
use super::phrases::PhraseSet;
use super::spelling_index::SpellingIndex;
use crate::error::Result;
use crate::wordnet::{PartOfSpeech, WordNet};

/// How many words of each class the lexicon holds (for reports and tests).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LexiconStats {
    /// Injury verbs (lemmas), core and WordNet.
    pub injury_verbs: usize,
    /// Of which taken from WordNet.
    pub injury_verbs_from_wordnet: usize,
    /// Inflected forms of the injury verbs.
    pub injury_verb_forms: usize,
    /// Injury nouns (lemmas).
    pub injury_nouns: usize,
    /// Body parts (lemmas).
    pub body_parts: usize,
    /// Person nouns (lemmas).
    pub persons: usize,
    /// Animal nouns (lemmas).
    pub animals: usize,
    /// Weapons and hazards (lemmas).
    pub weapons: usize,
    /// Entries of the misspelling index.
    pub spelling_keys: usize,
}

/// The oracle's word knowledge. Build it once ([`Lexicon::load`], well under a second)
/// and share it: the oracle, the world and the quality judge take an `Arc<Lexicon>`.
pub struct Lexicon {
    pub(crate) wordnet: WordNet,
    pub(crate) verbs: Vec<VerbEntry>,
    pub(crate) verb_forms: HashMap<String, Vec<(usize, VerbForm)>>,
    pub(crate) phrase_verbs: HashMap<String, Vec<PhraseVerb>>,
    pub(crate) nouns: Vec<NounEntry>,
    pub(crate) noun_forms: HashMap<String, usize>,
    pub(crate) adjectives: HashMap<String, AdjectiveEntry>,
    pub(crate) body_parts: HashMap<String, BodyPart>,
    pub(crate) non_injury_parts: HashSet<String>,
    pub(crate) persons: HashSet<String>,
    pub(crate) animals: HashSet<String>,
    pub(crate) kin: HashSet<String>,
    pub(crate) weapons: HashMap<String, Weapon>,
    pub(crate) spelling: SpellingIndex,
    pub(crate) death_idioms: PhraseSet,
    pub(crate) figurative_phrases: PhraseSet,
    pub(crate) effect_phrases: PhraseSet,
    pub(crate) effect_meanings: HashMap<&'static str, EffectMeaning>,
    pub(crate) contact_forms: HashSet<String>,
    pub(crate) stats: LexiconStats,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("wordnet", &self.wordnet)
            .field("stats", &self.stats)
            .finish()
    }
}

impl Lexicon {
    /// The WordNet database the lexicon was built from (for synonyms, e.g. in paraphrases).
    pub fn wordnet(&self) -> &WordNet {
        &self.wordnet
    }

    /// Sizes of the word classes.
    pub fn stats(&self) -> &LexiconStats {
        &self.stats
    }

    /// The lemmas of the injury verbs, sorted.
    pub fn injury_verbs(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.verbs.iter().map(|v| v.lemma.as_str()).collect();
        v.sort_unstable();
        v
    }

    /// The kind of injury a word names when it is an injury verb form, noun or adjective
    /// (`stabbed` → stab, `corpse` → death); `None` otherwise.
    pub fn injury_kind(&self, word: &str) -> Option<InjuryKind> {
        let word = word.to_ascii_lowercase();
        if let Some(forms) = self.verb_forms.get(&word) {
            return forms.first().map(|&(v, _)| self.verbs[v].kind);
        }
        if let Some(&n) = self.noun_forms.get(&word) {
            return Some(self.nouns[n].kind);
        }
        self.adjectives.get(&word).map(|a| a.kind)
    }

    /// Whether `word` (any case, any number) is a body part.
    pub fn is_body_part(&self, word: &str) -> bool {
        self.body_parts.contains_key(&word.to_ascii_lowercase())
    }

    /// Whether `word` names a character: a person, an animal or a relative.
    pub fn is_character_noun(&self, word: &str) -> bool {
        let w = word.to_ascii_lowercase();
        self.persons.contains(&w) || self.animals.contains(&w) || self.kin.contains(&w)
    }

    /// Whether `word` is a weapon or hazard.
    pub fn is_weapon(&self, word: &str) -> bool {
        self.weapons.contains_key(&word.to_ascii_lowercase())
    }

    /// Synonyms of `word` in WordNet for a part of speech: the other lemmas of the synsets
    /// of its base forms, most frequent sense first, without duplicates (spaces for `_`).
    pub fn synonyms(&self, word: &str, pos: PartOfSpeech) -> Result<Vec<String>> {
        let word = word.to_ascii_lowercase();
        let mut out: Vec<String> = Vec::new();
        for base in self.wordnet.base_forms(&word, pos) {
            for id in self.wordnet.senses(&base, pos)? {
                for lemma in self.wordnet.synset(id)?.lemmas {
                    let lemma = lemma.replace('_', " ");
                    if lemma != base && lemma != word && !out.contains(&lemma) {
                        out.push(lemma);
                    }
                }
            }
        }
        Ok(out)
    }
}
