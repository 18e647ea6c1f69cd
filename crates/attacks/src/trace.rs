//! The full record of an attack run: every edit, every score, every judgement, with the
//! queries used and the time at each step. A trace serialises to JSONL (one event a line)
//! so that runs can be journaled and replayed.

use std::path::Path;

use labels::{Judgement, Snippet};
use ndarray::Array1;
use serde::{Deserialize, Serialize};

use crate::counter::QueryCounter;
use crate::edit::Edit;
use crate::error::{AttackError, Result};
use crate::target::TargetToken;
use crate::text::TextSpan;

/// An edit and the score of the snippet it made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredEdit {
    /// The edit (relative to the snippet current at that step).
    pub edit: Edit,
    /// The target's score after the edit.
    pub score: f64,
}

/// A whole snippet and its score (paraphrases, free rewrites).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredSnippet {
    /// The snippet.
    pub snippet: Snippet,
    /// The target's score.
    pub score: f64,
}

/// Why an attack run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// It found what it was looking for.
    Success,
    /// The query or evaluation limit was reached.
    QueryBudget,
    /// The time limit was reached.
    TimeBudget,
    /// The search had nothing left to try (no edit improved, no paraphrase left).
    SearchExhausted,
    /// The seed was not injurious by the labeler's judgement (nothing to attack).
    SeedNotInjurious,
    /// The person stopped.
    Quit,
}

/// What happened at one moment of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The run began with this snippet.
    Start {
        /// The snippet.
        snippet: Snippet,
        /// Its score.
        score: f64,
    },
    /// A saliency map was computed.
    Saliency {
        /// The score it came with.
        score: f64,
        /// The tokens with their saliency.
        tokens: Vec<TargetToken>,
    },
    /// Candidate edits were scored.
    Candidates {
        /// The site they were for, when there was one.
        site: Option<TextSpan>,
        /// Each candidate and its score.
        scored: Vec<ScoredEdit>,
    },
    /// Whole snippets (paraphrases) were scored.
    Snippets {
        /// Each and its score.
        scored: Vec<ScoredSnippet>,
    },
    /// The current snippet was changed.
    Applied {
        /// The edits, in order (one, except when a beam search moves to a sibling,
        /// which can take one per part).
        edits: Vec<Edit>,
        /// The new score.
        score: f64,
    },
    /// The last edit was undone.
    Undone {
        /// The score after undoing.
        score: f64,
    },
    /// The labeler judged a snippet.
    Labeled {
        /// [`Snippet::key`] of the snippet.
        key: String,
        /// The judgement (with who gave it).
        judgement: Judgement,
    },
    /// A snippet was rated for egregiousness.
    Rated {
        /// [`Snippet::key`] of the snippet.
        key: String,
        /// Its egregiousness.
        egregiousness: f64,
    },
    /// A snippet was submitted as an adversarial example.
    Submitted {
        /// The snippet.
        snippet: Snippet,
        /// Its score.
        score: f64,
        /// Whether it counts (accepted by the target and judged injurious).
        adversarial: bool,
        /// Why not, when it does not.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rejected_because: Option<String>,
    },
    /// The run ended.
    Stopped {
        /// Why.
        reason: StopReason,
    },
}

/// One event with when it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceEvent {
    /// Seconds since the run began.
    pub seconds: f64,
    /// Queries used so far.
    pub queries: u64,
    /// Model evaluations used so far.
    pub evaluations: u64,
    /// What happened.
    #[serde(flatten)]
    pub event: Event,
}

/// The events of a run, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    /// The events.
    pub events: Vec<TraceEvent>,
}

impl Trace {
    /// Appends an event stamped with the counter's time and queries.
    pub fn push(&mut self, counter: &QueryCounter<'_>, event: Event) {
        self.events.push(TraceEvent {
            seconds: counter.elapsed_seconds(),
            queries: counter.queries(),
            evaluations: counter.evaluations(),
            event,
        });
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The edits applied, in order (replaying them on the start snippet gives the final one).
    pub fn applied_edits(&self) -> Vec<&Edit> {
        self.events
            .iter()
            .flat_map(|e| match &e.event {
                Event::Applied { edits, .. } => edits.iter().collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    /// Every score the trace saw, in order.
    pub fn scores(&self) -> Vec<f64> {
        let mut out = Vec::new();
        for e in &self.events {
            match &e.event {
                Event::Start { score, .. }
                | Event::Saliency { score, .. }
                | Event::Applied { score, .. }
                | Event::Undone { score }
                | Event::Submitted { score, .. } => out.push(*score),
                Event::Candidates { scored, .. } => out.extend(scored.iter().map(|s| s.score)),
                Event::Snippets { scored } => out.extend(scored.iter().map(|s| s.score)),
                _ => {}
            }
        }
        out
    }

    /// [`Trace::scores`] as an ndarray array (the same numbers in the same order), e.g. for
    /// the statistics of the `metrics` crate.
    pub fn scores_array(&self) -> Array1<f64> {
        Array1::from(self.scores())
    }

    /// Writes the trace as JSONL, one event a line, atomically.
    pub fn write_jsonl(&self, path: impl AsRef<Path>) -> Result<()> {
        labels::write_jsonl_atomic(path.as_ref(), &self.events).map_err(AttackError::from)
    }

    /// Reads a trace written by [`Trace::write_jsonl`] (a malformed line is an error that
    /// names the file and line).
    pub fn read_jsonl(path: impl AsRef<Path>) -> Result<Self> {
        Ok(Trace {
            events: labels::read_jsonl(path.as_ref())?,
        })
    }
}
