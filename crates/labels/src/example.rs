//! A labeled snippet with its provenance.

use serde::{Deserialize, Serialize};

use crate::label::{Aggregate, Judgement, Label, aggregate};
use crate::snippet::Snippet;
use crate::source::Source;

/// Which part of the data an example belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// Used to fit the classifier.
    Train,
    /// Used to pick epochs, thresholds and hyper-parameters.
    Validation,
    /// Held out for the final numbers.
    Test,
}

impl Split {
    /// The three splits, in Table 1's column order.
    pub const ALL: [Split; 3] = [Split::Train, Split::Validation, Split::Test];

    /// The split's name in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Validation => "validation",
            Split::Test => "test",
        }
    }
}

impl std::fmt::Display for Split {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an example was made: which classifier it fooled, who wrote it, how long it took
/// (the Dynabench habit: every collected example carries its history).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Provenance {
    /// Name of the classifier the example was written against (adversarial sources).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attacked_classifier: Option<String>,
    /// The classifier's score for the snippet when it was submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_at_submission: Option<f64>,
    /// Who (or which program) wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Wall-clock seconds the author spent on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
    /// Classifier queries the author used on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queries: Option<u64>,
    /// Key ([`Snippet::key`]) of the example it was derived from (a paraphrase's seed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Severity × directness of the injury, 1–10 (the paper's Figure 2), when rated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub egregiousness: Option<u8>,
    /// Withdrawn by its author or a reviewer: kept on file, left out of training.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub retracted: bool,
}

/// A snippet, its label, the judgements behind the label, and where it came from.
///
/// In JSONL the snippet's fields sit at the top level:
/// `{"prompt": "...", "completion": "...", "label": "injurious", "source": "tool_assisted", ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The labeled text.
    #[serde(flatten)]
    pub snippet: Snippet,
    /// The example's label (aggregated from `judgements` when there are any).
    pub label: Label,
    /// The individual judgements, in the order they were given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub judgements: Vec<Judgement>,
    /// Where it came from.
    pub source: Source,
    /// Its split, once assigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<Split>,
    /// How it was made.
    #[serde(default, skip_serializing_if = "is_default")]
    pub provenance: Provenance,
}

fn is_default(p: &Provenance) -> bool {
    *p == Provenance::default()
}

impl Example {
    /// An example with a label and no recorded judgements.
    pub fn new(snippet: Snippet, label: Label, source: Source) -> Self {
        Example {
            snippet,
            label,
            judgements: Vec::new(),
            source,
            split: None,
            provenance: Provenance::default(),
        }
    }

    /// An example labeled by its judgements under the two-plus-tie-break rule
    /// ([`aggregate`]); `None` while the rule still needs more judgements.
    pub fn from_judgements(
        snippet: Snippet,
        judgements: Vec<Judgement>,
        source: Source,
    ) -> Option<Self> {
        match aggregate(&judgements) {
            Aggregate::Decided(label) => Some(Example {
                judgements,
                ..Example::new(snippet, label, source)
            }),
            Aggregate::NeedsMore { .. } => None,
        }
    }
}
