//! Where an example came from (the rows of the paper's Table 1).

use serde::{Deserialize, Serialize};

/// The origin of a labeled example.
///
/// Serialized as a plain string: the five known sources by their snake_case names, any
/// other string is a [`Source::Custom`] source of the user's own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Source {
    /// Generator completions of sub-selected story prompts (paper §4.3).
    InitialStories,
    /// Fresh, unselected in-distribution snippets for testing (paper §5.4).
    InDistributionTest,
    /// Written by an unaided attacker against a live classifier (paper §4.4.1).
    ManualAdversarial,
    /// Automatic paraphrases of earlier adversarial examples (paper §4.4.2).
    Paraphrase,
    /// Rewrites made with saliency and substitution tools (paper §4.4.3).
    ToolAssisted,
    /// Any other source, by name.
    Custom(String),
}

impl Source {
    /// The five sources of the paper, in Table 1's order.
    pub const PAPER: [Source; 5] = [
        Source::InitialStories,
        Source::InDistributionTest,
        Source::ManualAdversarial,
        Source::Paraphrase,
        Source::ToolAssisted,
    ];

    /// The name used in files.
    pub fn name(&self) -> &str {
        match self {
            Source::InitialStories => "initial_stories",
            Source::InDistributionTest => "in_distribution_test",
            Source::ManualAdversarial => "manual_adversarial",
            Source::Paraphrase => "paraphrase",
            Source::ToolAssisted => "tool_assisted",
            Source::Custom(name) => name,
        }
    }

    /// A human-readable title, as in the paper's Table 1.
    pub fn title(&self) -> String {
        match self {
            Source::InitialStories => "Initial story dataset".into(),
            Source::InDistributionTest => "In-distribution test dataset".into(),
            Source::ManualAdversarial => "Manual adversarial examples".into(),
            Source::Paraphrase => "Automatic paraphrases".into(),
            Source::ToolAssisted => "Tool-assisted rewrites".into(),
            Source::Custom(name) => name.clone(),
        }
    }

    /// Whether examples of this source were made by attacking a classifier.
    pub fn is_adversarial(&self) -> bool {
        matches!(
            self,
            Source::ManualAdversarial | Source::Paraphrase | Source::ToolAssisted
        )
    }
}

impl From<String> for Source {
    fn from(name: String) -> Self {
        match name.as_str() {
            "initial_stories" => Source::InitialStories,
            "in_distribution_test" => Source::InDistributionTest,
            "manual_adversarial" => Source::ManualAdversarial,
            "paraphrase" => Source::Paraphrase,
            "tool_assisted" => Source::ToolAssisted,
            _ => Source::Custom(name),
        }
    }
}

impl From<Source> for String {
    fn from(source: Source) -> Self {
        source.name().to_string()
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Source::PAPER
            .iter()
            .cloned()
            .chain([Source::Custom("red team".into())])
        {
            let json = serde_json::to_string(&s).unwrap();
            let back: Source = serde_json::from_str(&json).unwrap();
            assert_eq!(back, s);
        }
        assert_eq!(
            serde_json::to_string(&Source::ToolAssisted).unwrap(),
            "\"tool_assisted\""
        );
    }
}
