//! The word knowledge of the injury oracle, built once from WordNet and the hand-written
//! tables: injury verbs with all their inflections, injury nouns and adjectives, body
//! parts, characters (people, animals, relatives), weapons and hazards, and a
//! misspelling index over the injury words.

mod build;
mod core_verbs;
pub(crate) mod core_words;
mod harvest;
pub(crate) mod inflect;
mod kind;
pub(crate) mod phrases;
mod spelling;
mod tables;
mod word_lists;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

pub use inflect::VerbForm;
pub use kind::InjuryKind;

use crate::error::Result;
use crate::wordnet::{PartOfSpeech, WordNet};

/// Which arguments make an injury verb literal (see `core_verbs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Character or body part as patient.
    Transitive,
    /// Character only as patient.
    Animate,
    /// Body part as patient, transitive or intransitive.
    BodyPart,
    /// Intransitive, the subject is the victim.
    Intransitive,
    /// `Animate` and `Intransitive`.
    Both,
}

/// An injury verb.
#[derive(Debug, Clone)]
pub(crate) struct VerbEntry {
    pub lemma: String,
    pub frame: Frame,
    pub kind: InjuryKind,
    pub severity: u8,
    pub from_wordnet: bool,
}

/// A multi-word injury verb from WordNet (`gun down`, `pass away`): the words after the
/// first, which is inflected.
#[derive(Debug, Clone)]
pub(crate) struct PhraseVerb {
    pub rest: Vec<String>,
    pub verb: usize,
}

/// An injury noun.
#[derive(Debug, Clone)]
pub(crate) struct NounEntry {
    pub lemma: String,
    pub kind: InjuryKind,
    pub severity: u8,
    pub needs_attachment: bool,
    pub implied: bool,
}

/// Who an effect phrase injures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EffectVictim {
    /// The possessive inside the phrase (`opened his throat`).
    Possessive,
    /// The owner of a body part just before the phrase (`her wrist was bent at an
    /// unnatural angle`); without one the phrase is no injury.
    Part,
    /// The clause's subject (`he walked with a limp`).
    Subject,
}

/// What an effect phrase means (`core_words::EFFECT_PHRASES`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct EffectMeaning {
    pub kind: InjuryKind,
    pub severity: u8,
    /// 0 explicit, 1 implied, 2 a past injury revealed.
    pub directness: u8,
    pub victim: EffectVictim,
}

/// What an injury adjective is said of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AdjectiveUse {
    Animate,
    Part,
    Either,
}

/// An injury adjective.
#[derive(Debug, Clone)]
pub(crate) struct AdjectiveEntry {
    pub kind: InjuryKind,
    pub severity: u8,
    pub used_of: AdjectiveUse,
}

/// A body part.
#[derive(Debug, Clone)]
pub(crate) struct BodyPart {
    pub lemma: String,
    pub core: bool,
    pub paired: bool,
    pub vital: bool,
}

/// A weapon or hazard and the injury it does.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Weapon {
    pub kind: InjuryKind,
    pub severity: u8,
}

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
    pub(crate) spelling: spelling::SpellingIndex,
    pub(crate) death_idioms: phrases::PhraseSet,
    pub(crate) figurative_phrases: phrases::PhraseSet,
    pub(crate) effect_phrases: phrases::PhraseSet,
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
    /// Builds the lexicon from the WordNet database in [`WordNet::default_dir`]
    /// (`$WORDNET_DIR` or `/usr/share/wordnet`).
    pub fn load() -> Result<Arc<Self>> {
        Ok(Arc::new(Self::from_wordnet(WordNet::open_default()?)?))
    }

    /// Builds the lexicon from the WordNet database in `dir`.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self> {
        Self::from_wordnet(WordNet::open(dir)?)
    }

    /// Builds the lexicon from an opened WordNet.
    pub fn from_wordnet(wordnet: WordNet) -> Result<Self> {
        build::build(wordnet)
    }

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

    /// Whether `word` (lowercase) is a correctly spelled English word: a WordNet lemma, a
    /// listed irregular form, or a regular inflection of a lemma spelled by the rules
    /// (`stabbed` yes, `stabed` no).
    pub fn is_known_word(&self, word: &str) -> bool {
        spelling::is_known_word(self, word)
    }

    /// The injury word that `word` misspells (`stabed` → `stabbed`, `kiled` → `killed`,
    /// `murderd` → `murdered`): within one edit or doubled letters of exactly one injury
    /// word, and not itself a correct English word. `None` otherwise.
    pub fn correct_spelling(&self, word: &str) -> Option<&str> {
        spelling::correct(self, word)
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
