//! What an attack sees of a classifier: batched scores, per-token saliency, and (for
//! gradient attacks) what the gradient with respect to the token embeddings says about
//! replacing each token.
//!
//! Everything is in text coordinates ([`TextSpan`]s of the snippet's parts) and edits are
//! text, never token ids: an attack never needs to know how the target tokenizes, so
//! sub-word tokenizers work, and what is scored is always the real re-tokenized text.

use labels::Snippet;
use serde::{Deserialize, Serialize};

use crate::error::{AttackError, Result};
use crate::text::TextSpan;

/// One token of the target's reading of a snippet, with its saliency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetToken {
    /// Where it is.
    pub span: TextSpan,
    /// The text under the span.
    pub text: String,
    /// The magnitude of the gradient of the classifier's output with respect to the
    /// token's embedding (the paper §4.4.3); larger means more influential.
    pub saliency: f64,
}

/// The target's score of a snippet and the saliency of each of its tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaliencyMap {
    /// P(injurious).
    pub score: f64,
    /// The tokens of the prompt, then of the completion (special tokens left out).
    pub tokens: Vec<TargetToken>,
}

impl SaliencyMap {
    /// Indices of the tokens whose span satisfies `keep`, most salient first (ties in
    /// text order).
    pub fn ranked(&self, keep: impl Fn(&TextSpan) -> bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.tokens.len())
            .filter(|&i| keep(&self.tokens[i].span))
            .collect();
        order.sort_by(|&a, &b| {
            self.tokens[b]
                .saliency
                .total_cmp(&self.tokens[a].saliency)
                .then(a.cmp(&b))
        });
        order
    }
}

/// A replacement of one token suggested by the gradient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenReplacement {
    /// The text that replaces the token's span (with the leading space a word-initial
    /// piece implies).
    pub text: String,
    /// The first-order estimate of the change of the classifier's log-odds,
    /// `(e_new − e_old) · ∂output/∂e_old`; negative lowers the score.
    pub estimated_change: f64,
}

/// A token and the replacements the gradient suggests for it, best (most negative
/// estimated change) first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradientToken {
    /// The token.
    pub token: TargetToken,
    /// Its best replacements.
    pub replacements: Vec<TokenReplacement>,
}

/// A classifier under attack.
///
/// Scores are P(injurious) in `[0, 1]`. Every method takes a batch or one snippet and is
/// pure: the same snippet always gets the same answer, which is what lets the attacks
/// cache scores ([`crate::QueryCounter`]).
pub trait Target {
    /// A stable name, recorded as the attacked classifier of every example.
    fn name(&self) -> &str;

    /// P(injurious) of each snippet, in order.
    fn score_batch(&self, snippets: &[Snippet]) -> Result<Vec<f64>>;

    /// Score and per-token saliency of each snippet, in order.
    fn saliency_batch(&self, snippets: &[Snippet]) -> Result<Vec<SaliencyMap>>;

    /// For each token of `snippet`, the `per_token` replacements that the gradient of the
    /// output with respect to the token embeddings says lower the score most
    /// (HotFlip's first-order estimate). Targets without gradients return
    /// [`AttackError::Unsupported`], the default.
    fn gradient_replacements(
        &self,
        snippet: &Snippet,
        per_token: usize,
    ) -> Result<Vec<GradientToken>> {
        let _ = (snippet, per_token);
        Err(AttackError::Unsupported {
            target: self.name().to_string(),
            what: "gradients with respect to token embeddings".into(),
        })
    }
}

impl<T: Target + ?Sized> Target for &T {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn score_batch(&self, snippets: &[Snippet]) -> Result<Vec<f64>> {
        (**self).score_batch(snippets)
    }
    fn saliency_batch(&self, snippets: &[Snippet]) -> Result<Vec<SaliencyMap>> {
        (**self).saliency_batch(snippets)
    }
    fn gradient_replacements(
        &self,
        snippet: &Snippet,
        per_token: usize,
    ) -> Result<Vec<GradientToken>> {
        (**self).gradient_replacements(snippet, per_token)
    }
}
