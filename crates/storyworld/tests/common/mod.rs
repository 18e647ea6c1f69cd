//! Shared by the integration tests: one lexicon per test binary.

use std::sync::{Arc, OnceLock};

use storyworld::{InjuryOracle, Lexicon};

/// The lexicon, built once (WordNet must be installed: `scripts/setup`).
pub fn lexicon() -> Arc<Lexicon> {
    static LEXICON: OnceLock<Arc<Lexicon>> = OnceLock::new();
    LEXICON
        .get_or_init(|| Lexicon::load().expect("WordNet is installed (run scripts/setup)"))
        .clone()
}

/// An oracle over the shared lexicon.
#[allow(dead_code)]
pub fn oracle() -> InjuryOracle {
    InjuryOracle::with_lexicon(lexicon())
}
