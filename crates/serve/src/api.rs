//! What the page and the server say to each other (JSON), and the errors a request can
//! get (a status and a message, never a crash).

use attacks::{AttackError, Edit, Part, Trace};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use labels::Example;
use serde::{Deserialize, Serialize};

/// The state of a session, as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionState {
    /// The session's id: 32 hex digits of 128 random bits.
    pub id: String,
    /// The prompt.
    pub prompt: String,
    /// The completion.
    pub completion: String,
    /// The live score (none before there is a completion).
    pub score: Option<f64>,
    /// The acceptance threshold.
    pub threshold: f64,
    /// Whether the classifier accepts the snippet (submit is enabled).
    pub can_submit: bool,
    /// Whether saliency and the dropdown are on.
    pub tools: bool,
    /// Changes that undo can take back.
    pub undo_depth: usize,
    /// Queries so far.
    pub queries: u64,
    /// Seconds since the session opened.
    pub seconds: f64,
    /// Who attacks.
    pub author: String,
}

/// One token with its saliency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenView {
    /// `prompt` or `completion`.
    pub part: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Its text.
    pub text: String,
    /// Gradient norm of its embedding.
    pub saliency: f64,
}

/// One entry of the dropdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateView {
    /// `replace` or `insert`.
    pub kind: String,
    /// The new text.
    pub text: String,
    /// The score the snippet would get.
    pub score: f64,
    /// How much it lowers the current score.
    pub score_drop: f64,
    /// The edit to send back to apply it.
    pub edit: Edit,
}

/// What a submission came to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmitView {
    /// Whether it is saved as an adversarial example.
    pub accepted: bool,
    /// Why or why not.
    pub message: String,
}

/// One line of the submissions journal: the example with its provenance (classifier,
/// score, author, seconds, queries) and the session's full edit trace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// The labeled example.
    pub example: Example,
    /// Every edit, score and judgement of the session up to the submission.
    pub trace: Trace,
    /// Whether the tools were on.
    pub tools: bool,
}

/// A request that could not be served.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong.
    pub message: String,
}

impl ApiError {
    /// 400.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
    /// 404.
    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
    /// 500.
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
    /// An attack error: the person's mistake (400: a bad edit, text the classifier refuses
    /// as too long, a spent budget) unless the model failed (500).
    pub fn from_attack(e: AttackError) -> Self {
        match e {
            AttackError::Target { .. } => ApiError::internal(e.to_string()),
            AttackError::Budget(_) => {
                ApiError::bad_request(format!("{e}: this session is spent, open a new one"))
            }
            other => ApiError::bad_request(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            axum::Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

/// `prompt` or `completion`.
pub fn part_name(part: Part) -> &'static str {
    match part {
        Part::Prompt => "prompt",
        Part::Completion => "completion",
    }
}

/// The part named `name`.
pub fn parse_part(name: &str) -> Result<Part, ApiError> {
    match name {
        "prompt" => Ok(Part::Prompt),
        "completion" => Ok(Part::Completion),
        other => Err(ApiError::bad_request(format!(
            "part must be prompt or completion, not {other:?}"
        ))),
    }
}
