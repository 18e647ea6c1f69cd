//! What an attack run returns: the submissions (the adversarial ones among them), the
//! effort spent, and the full trace.

use labels::{Example, Judgement, Provenance, Snippet, Source};
use serde::{Deserialize, Serialize};

use crate::trace::{StopReason, Trace};

/// A snippet put forward as an adversarial example, with its verdicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// The snippet.
    pub snippet: Snippet,
    /// The target's score when it was submitted.
    pub score: f64,
    /// The labeler's judgement (who labeled it is in `judgement.labeler`).
    pub judgement: Judgement,
    /// Whether it counts: accepted by the target and judged injurious.
    pub adversarial: bool,
    /// Its egregiousness (1–10), when rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub egregiousness: Option<f64>,
    /// Queries used when it was submitted.
    pub queries: u64,
    /// Model evaluations used when it was submitted.
    pub evaluations: u64,
    /// Seconds since the run began when it was submitted.
    pub seconds: f64,
}

/// The result of one attack run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttackOutcome {
    /// The attack's name.
    pub attack: String,
    /// The attacked classifier's name.
    pub target: String,
    /// Who (or which program) attacked.
    pub author: String,
    /// The source its examples get in a dataset.
    pub source: Source,
    /// The seed snippet, if the run had one.
    pub seed: Option<Snippet>,
    /// The snippet the run ended on (the seed itself when nothing was changed).
    pub last: Option<Snippet>,
    /// Its score.
    pub last_score: Option<f64>,
    /// Everything submitted, in order; the adversarial ones have `adversarial` set.
    pub submissions: Vec<Submission>,
    /// Queries made to the target: a live score, a saliency map, or a whole list of
    /// scored candidates each count one (what a person at the paper's interface would
    /// experience as one action), however many snippets they contain.
    pub queries: u64,
    /// Model evaluations: snippets the target ran on (cached answers are free).
    pub evaluations: u64,
    /// Scores answered from the cache.
    pub cache_hits: u64,
    /// Snippets sent to the labeler.
    pub labeler_calls: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Why it ended.
    pub stop: StopReason,
    /// Every edit, score and judgement.
    pub trace: Trace,
}

impl AttackOutcome {
    /// The adversarial submissions.
    pub fn adversarial(&self) -> impl Iterator<Item = &Submission> {
        self.submissions.iter().filter(|s| s.adversarial)
    }

    /// The first adversarial submission, if any.
    pub fn first_adversarial(&self) -> Option<&Submission> {
        self.adversarial().next()
    }

    /// Whether at least one adversarial example was found.
    pub fn succeeded(&self) -> bool {
        self.first_adversarial().is_some()
    }

    /// Every submission as a labeled example with its provenance (which classifier it
    /// was written against, its score, who wrote it, how long and how many queries it
    /// took, its seed as parent, its egregiousness). Non-adversarial submissions are
    /// included: they are labeled data too (the paper kept every labeled paraphrase).
    pub fn examples(&self) -> Vec<Example> {
        self.submissions
            .iter()
            .map(|s| {
                s.example(
                    &self.target,
                    &self.author,
                    self.source.clone(),
                    self.seed.as_ref(),
                )
            })
            .collect()
    }
}

impl Submission {
    /// The submission as a labeled example of `source`, written by `author` against
    /// `target`, derived from `seed`.
    pub fn example(
        &self,
        target: &str,
        author: &str,
        source: Source,
        seed: Option<&Snippet>,
    ) -> Example {
        Example {
            judgements: vec![self.judgement.clone()],
            provenance: Provenance {
                attacked_classifier: Some(target.to_string()),
                score_at_submission: Some(self.score),
                author: Some(author.to_string()),
                seconds: Some(self.seconds),
                queries: Some(self.queries),
                parent: seed.map(Snippet::key),
                egregiousness: self.egregiousness.map(|e| e.round().clamp(1.0, 10.0) as u8),
                retracted: false,
            },
            ..Example::new(self.snippet.clone(), self.judgement.label, source)
        }
    }
}
