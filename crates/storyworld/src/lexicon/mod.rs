//! The word knowledge of the injury oracle, built once from WordNet and the hand-written
//! tables: injury verbs with all their inflections, injury nouns and adjectives, body
//! parts, characters (people, animals, relatives), weapons and hazards, and a
//! misspelling index over the injury words.

mod build;
mod core_verbs;
pub(crate) mod core_words;
mod entries;
mod harvest;
pub(crate) mod inflect;
mod kind;
mod knowledge;
pub(crate) mod phrases;
mod spelling;
mod spelling_index;
mod tables;
mod word_lists;

use std::path::Path;
use std::sync::Arc;

pub(crate) use entries::{AdjectiveUse, EffectVictim, Frame, Weapon};
pub use inflect::VerbForm;
pub use kind::InjuryKind;
pub use knowledge::{Lexicon, LexiconStats};

use crate::error::Result;
use crate::wordnet::WordNet;

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
}
