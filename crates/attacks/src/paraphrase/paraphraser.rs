//! What the paraphrase attack rewrites with: the [`Paraphraser`] trait, implemented by the
//! rule-based and the few-shot paraphrasers.

use labels::Snippet;

use crate::error::Result;

/// Rewrites a snippet in other words.
pub trait Paraphraser {
    /// A name for traces.
    fn name(&self) -> &str;

    /// Up to `n` paraphrases of `snippet` (fewer when it cannot find more). A paraphraser
    /// with randomness draws fresh ones on every call.
    fn paraphrase(&mut self, snippet: &Snippet, n: usize) -> Result<Vec<Snippet>>;
}
