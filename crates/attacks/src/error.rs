//! The error type of this crate.

/// Everything that can go wrong while attacking.
#[derive(Debug, thiserror::Error)]
pub enum AttackError {
    /// The target (the classifier under attack) failed.
    #[error("target `{target}`: {message}")]
    Target {
        /// The target's name.
        target: String,
        /// What went wrong.
        message: String,
    },
    /// The target refuses this input (too long for its window, no text): the input's
    /// fault, not the model's.
    #[error("target `{target}` refuses the input: {message}")]
    Refused {
        /// The target's name.
        target: String,
        /// Why.
        message: String,
    },
    /// A suggester, paraphraser or synonym source failed.
    #[error("{tool}: {message}")]
    Tool {
        /// Which tool.
        tool: String,
        /// What went wrong.
        message: String,
    },
    /// The labeler failed (or the person stopped).
    #[error("labeler: {0}")]
    Labeler(#[from] labels::LabelsError),
    /// The target does not offer what the attack needs (e.g. gradients).
    #[error("target `{target}` does not support {what}")]
    Unsupported {
        /// The target's name.
        target: String,
        /// The missing capability.
        what: String,
    },
    /// An edit that does not fit the text it is applied to.
    #[error("edit {edit}: {message}")]
    Edit {
        /// The edit, as text.
        edit: String,
        /// What is wrong with it.
        message: String,
    },
    /// A snippet that cannot be attacked (e.g. an empty completion).
    #[error("invalid snippet: {0}")]
    Snippet(String),
    /// A setting out of its valid range.
    #[error("invalid setting: {0}")]
    Setting(String),
    /// The budget does not allow the next query.
    #[error("budget exhausted: {0}")]
    Budget(String),
    /// Reading or writing a terminal or a file.
    #[error("{context}: {source}")]
    Io {
        /// What was being read or written.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl AttackError {
    /// A target failure.
    pub fn target(target: impl Into<String>, message: impl std::fmt::Display) -> Self {
        AttackError::Target {
            target: target.into(),
            message: message.to_string(),
        }
    }

    /// A tool failure.
    pub fn tool(tool: impl Into<String>, message: impl std::fmt::Display) -> Self {
        AttackError::Tool {
            tool: tool.into(),
            message: message.to_string(),
        }
    }

    /// Whether this is the budget running out (a normal way for a search to end).
    pub fn is_budget(&self) -> bool {
        matches!(self, AttackError::Budget(_))
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = AttackError> = std::result::Result<T, E>;
