//! Labels, the judgements of individual labelers, and how several judgements become one
//! label (the paper: two labels, a third breaks a disagreement).

use serde::{Deserialize, Serialize};

/// What a labeler says about a snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// The completion introduces a new injury.
    Injurious,
    /// It does not.
    NonInjurious,
    /// The labeler cannot tell (borderline text).
    Unsure,
}

impl Label {
    /// All labels, in a fixed order.
    pub const ALL: [Label; 3] = [Label::Injurious, Label::NonInjurious, Label::Unsure];

    /// The label's name as written in JSONL files (`injurious`, `non_injurious`, `unsure`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Injurious => "injurious",
            Label::NonInjurious => "non_injurious",
            Label::Unsure => "unsure",
        }
    }

    /// The training target under a policy for `Unsure`: `Some(true)` for injurious,
    /// `Some(false)` for non-injurious, `None` when the policy drops the example.
    pub fn training_target(self, policy: UnsurePolicy) -> Option<bool> {
        match (self, policy) {
            (Label::Injurious, _) => Some(true),
            (Label::NonInjurious, _) => Some(false),
            (Label::Unsure, UnsurePolicy::AsInjurious) => Some(true),
            (Label::Unsure, UnsurePolicy::AsNonInjurious) => Some(false),
            (Label::Unsure, UnsurePolicy::Exclude) => None,
        }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an `Unsure` label is treated when a label must be binary (training, rates).
///
/// The paper (§4.2) treated every `Unsure` as injurious "because we wanted to train our
/// classifier to be conservative": that is the default here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnsurePolicy {
    /// `Unsure` counts as injurious (the paper's choice; conservative).
    #[default]
    AsInjurious,
    /// `Unsure` counts as non-injurious.
    AsNonInjurious,
    /// Examples labeled `Unsure` are left out.
    Exclude,
}

/// One labeler's label for one snippet, with who gave it and how long it took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Judgement {
    /// Who labeled: a person's id, `oracle`, `import:<file>`…
    pub labeler: String,
    /// The label given.
    pub label: Label,
    /// Seconds the labeler spent on this snippet, when measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

impl Judgement {
    /// A judgement without a time.
    pub fn new(labeler: impl Into<String>, label: Label) -> Self {
        Judgement {
            labeler: labeler.into(),
            label,
            seconds: None,
        }
    }
}

/// The state of a snippet's labeling under the two-plus-tie-break rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// Enough judgements: this is the snippet's label.
    Decided(Label),
    /// More judgements are needed before a label can be given.
    NeedsMore {
        /// How many more judgements the rule asks for.
        missing: usize,
    },
}

/// Aggregates judgements as the paper did for its test sets and tool-assisted rewrites
/// (§5.3, §5.4): "labeled by a distinct pair of contractors (with a third tie-break label
/// in case of disagreement)".
///
/// - fewer than two judgements: [`Aggregate::NeedsMore`];
/// - the first two agree: their label;
/// - they disagree and there is no third: `NeedsMore { missing: 1 }`;
/// - they disagree and a third exists: the label held by two of the first three; if all
///   three differ (injurious, non-injurious, unsure), the result is [`Label::Unsure`],
///   which the default [`UnsurePolicy`] trains as injurious.
///
/// Judgements past the third are ignored: the rule is fixed in advance so that asking
/// more labelers cannot be used to shop for a label. Several judgements from the same
/// labeler count once (the first one).
pub fn aggregate(judgements: &[Judgement]) -> Aggregate {
    let mut distinct: Vec<&Judgement> = Vec::with_capacity(3);
    for j in judgements {
        if distinct.len() == 3 {
            break;
        }
        if !distinct.iter().any(|d| d.labeler == j.labeler) {
            distinct.push(j);
        }
    }
    match distinct.as_slice() {
        [] => Aggregate::NeedsMore { missing: 2 },
        [_] => Aggregate::NeedsMore { missing: 1 },
        [a, b] if a.label == b.label => Aggregate::Decided(a.label),
        [_, _] => Aggregate::NeedsMore { missing: 1 },
        [a, b, c] => {
            if a.label == b.label || a.label == c.label {
                Aggregate::Decided(a.label)
            } else if b.label == c.label {
                Aggregate::Decided(b.label)
            } else {
                Aggregate::Decided(Label::Unsure)
            }
        }
        _ => unreachable!("at most three distinct judgements are kept"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(who: &str, l: Label) -> Judgement {
        Judgement::new(who, l)
    }

    #[test]
    fn two_agreeing_labels_decide() {
        let js = [j("a", Label::Injurious), j("b", Label::Injurious)];
        assert_eq!(aggregate(&js), Aggregate::Decided(Label::Injurious));
    }

    #[test]
    fn disagreement_needs_a_tie_break_which_decides() {
        let two = [j("a", Label::Injurious), j("b", Label::NonInjurious)];
        assert_eq!(aggregate(&two), Aggregate::NeedsMore { missing: 1 });
        let three = [
            j("a", Label::Injurious),
            j("b", Label::NonInjurious),
            j("c", Label::NonInjurious),
        ];
        assert_eq!(aggregate(&three), Aggregate::Decided(Label::NonInjurious));
    }

    #[test]
    fn three_different_labels_are_unsure() {
        let three = [
            j("a", Label::Injurious),
            j("b", Label::NonInjurious),
            j("c", Label::Unsure),
        ];
        assert_eq!(aggregate(&three), Aggregate::Decided(Label::Unsure));
    }

    #[test]
    fn the_same_labeler_counts_once() {
        let js = [j("a", Label::Injurious), j("a", Label::Injurious)];
        assert_eq!(aggregate(&js), Aggregate::NeedsMore { missing: 1 });
    }

    #[test]
    fn unsure_policy() {
        assert_eq!(
            Label::Unsure.training_target(UnsurePolicy::default()),
            Some(true)
        );
        assert_eq!(Label::Unsure.training_target(UnsurePolicy::Exclude), None);
        assert_eq!(
            Label::NonInjurious.training_target(UnsurePolicy::AsInjurious),
            Some(false)
        );
    }
}
