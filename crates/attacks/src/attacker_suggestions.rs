//! The suggestions an attacker sees in the pipeline, the rewriting app and the
//! command line (the `classifier` and `storyworld` features together): the story world's
//! WordNet synonyms and a masked LM's fill-in-the-blank suggestions, combined.

use std::sync::Arc;

use classifier::MaskedLmSuggester;
use storyworld::Lexicon;

use crate::deberta::MaskedLmSuggestions;
use crate::story_world::WordNetSynonyms;
use crate::suggester::{CombinedSuggester, Suggester};
use crate::synonyms::SynonymSuggester;

/// The suggestions an attacker sees: the world's WordNet synonyms (a
/// [`SynonymSuggester`] over [`WordNetSynonyms`], named `wordnet`) and a masked LM's
/// (a [`MaskedLmSuggestions`] of whole words, named `masked-lm`), combined by
/// [`AttackerSuggestions::combined`] into one suggester named `wordnet+masked-lm` whose
/// lists interleave the two, WordNet's first at each rank.
///
/// It owns both suggesters and lends the combined one, so it must outlive the attacks
/// and sessions that use it:
///
/// ```no_run
/// # fn demo(masked_lm: &classifier::MaskedLmSuggester) -> Result<(), Box<dyn std::error::Error>> {
/// use attacks::{AttackerSuggestions, Suggester, ToolAssistedAttack, ToolAssistedConfig};
///
/// let lexicon = storyworld::Lexicon::load()?;
/// let suggestions = AttackerSuggestions::new(lexicon, masked_lm);
/// let combined = suggestions.combined();
/// assert_eq!(combined.name(), "wordnet+masked-lm");
/// let attack = ToolAssistedAttack::new(ToolAssistedConfig::default(), &combined);
/// # let _ = attack;
/// # Ok(())
/// # }
/// ```
pub struct AttackerSuggestions<'a> {
    wordnet: SynonymSuggester<WordNetSynonyms>,
    masked_lm: MaskedLmSuggestions<&'a MaskedLmSuggester>,
}

impl<'a> AttackerSuggestions<'a> {
    /// Suggestions from `lexicon`'s WordNet and `masked_lm`.
    pub fn new(lexicon: Arc<Lexicon>, masked_lm: &'a MaskedLmSuggester) -> Self {
        AttackerSuggestions {
            wordnet: SynonymSuggester::new("wordnet", WordNetSynonyms::new(lexicon)),
            masked_lm: MaskedLmSuggestions::new("masked-lm", masked_lm),
        }
    }

    /// Both, as one suggester.
    pub fn combined(&self) -> CombinedSuggester<'_> {
        CombinedSuggester::new(vec![&self.wordnet as &dyn Suggester, &self.masked_lm])
    }
}
