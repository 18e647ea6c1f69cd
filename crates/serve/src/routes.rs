//! The HTTP side: the page, the JSON API's routes and their size checks; every model
//! query is forwarded to the model thread ([`crate::worker`]).

use std::sync::Mutex;
use std::sync::mpsc;

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use axum::{Json, Router};
use labels::Snippet;
use serde::Deserialize;
use tokio::sync::oneshot;

use crate::api::{ApiError, SessionState};
use crate::limits::{MAX_BODY_BYTES, MAX_TEXT_CHARS};
use crate::worker::{Action, Command};

/// The page.
const PAGE: &str = include_str!("page.html");
/// What the handlers share: the way to the model thread, and what the page may show.
#[derive(Clone)]
pub struct AppState {
    commands: std::sync::Arc<Mutex<mpsc::Sender<Command>>>,
    classifier_label: Option<String>,
}

impl AppState {
    /// Handlers that forward to `commands`; the page names the classifier as
    /// `classifier_label`, or not at all when `None` (the hidden mode).
    pub fn new(commands: mpsc::Sender<Command>, classifier_label: Option<String>) -> Self {
        AppState {
            commands: std::sync::Arc::new(Mutex::new(commands)),
            classifier_label,
        }
    }

    fn send(&self, command: Command) -> Result<(), ApiError> {
        self.commands
            .lock()
            .map_err(|_| ApiError::internal("the model thread is gone"))?
            .send(command)
            .map_err(|_| ApiError::internal("the model thread is gone"))
    }
}

/// A new session.
#[derive(Debug, Deserialize)]
pub struct OpenRequest {
    /// The prompt to start from (may be empty).
    #[serde(default)]
    pub prompt: String,
    /// The completion to start from (may be empty).
    #[serde(default)]
    pub completion: String,
    /// Saliency and dropdown on (default) or off.
    #[serde(default = "yes")]
    pub tools: bool,
    /// Who attacks (recorded with each submission).
    #[serde(default)]
    pub author: Option<String>,
}

fn yes() -> bool {
    true
}

fn check_text(what: &str, text: &str) -> Result<(), ApiError> {
    let n = text.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(ApiError::bad_request(format!(
            "the {what} has {n} characters, more than {MAX_TEXT_CHARS}"
        )));
    }
    Ok(())
}

fn check_author(author: &str) -> Result<(), ApiError> {
    if author.is_empty() || author.chars().count() > 64 || author.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "an author is 1 to 64 printable characters",
        ));
    }
    Ok(())
}

async fn page() -> Html<&'static str> {
    Html(PAGE)
}

/// The classifier's name (or null in the hidden mode) and the libtorch threads the model
/// thread runs with.
async fn info(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    let (reply, answer) = oneshot::channel();
    state.send(Command::Info { reply })?;
    let worker = answer
        .await
        .map_err(|_| ApiError::internal("the model thread is gone"))?;
    Ok(Json(serde_json::json!({
        "classifier": state.classifier_label,
        "threads": worker["threads"],
    })))
}

async fn open(
    State(state): State<AppState>,
    Json(request): Json<OpenRequest>,
) -> Result<Json<SessionState>, ApiError> {
    check_text("prompt", &request.prompt)?;
    check_text("completion", &request.completion)?;
    let author = request.author.unwrap_or_else(|| "anonymous".into());
    check_author(&author)?;
    let (reply, answer) = oneshot::channel();
    state.send(Command::Open {
        seed: Snippet::new(request.prompt, request.completion),
        tools: request.tools,
        author,
        reply,
    })?;
    let state = answer
        .await
        .map_err(|_| ApiError::internal("the model thread is gone"))??;
    Ok(Json(state))
}

async fn act(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Json(action): Json<Action>,
) -> Result<Json<serde_json::Value>, ApiError> {
    if let Action::Text { prompt, completion } = &action {
        check_text("prompt", prompt.as_deref().unwrap_or(""))?;
        check_text("completion", completion.as_deref().unwrap_or(""))?;
    }
    if let Action::Apply { edit } = &action {
        check_text("edit", &edit.text)?;
    }
    let (reply, answer) = oneshot::channel();
    state.send(Command::Act { id, action, reply })?;
    let value = answer
        .await
        .map_err(|_| ApiError::internal("the model thread is gone"))??;
    Ok(Json(value))
}

/// The app's routes: `GET /` (the page), `GET /api/info`, `POST /api/sessions` (open),
/// `POST /api/sessions/{id}` (an [`Action`]).
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/info", get(info))
        .route("/api/sessions", post(open))
        .route("/api/sessions/{id}", post(act))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(json_errors))
        .with_state(state)
}

/// Every error the server sends is JSON `{"error": …}`: the app's own already are, and
/// this turns the framework's plain-text ones (a body that is not JSON, 415 and 422; one
/// over the size limit, 413; an unknown path, 404) into the same shape.
async fn json_errors(response: axum::response::Response) -> axum::response::Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let body = axum::body::to_bytes(response.into_body(), MAX_BODY_BYTES)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&body).trim().to_string();
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_string()
    } else {
        text
    };
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}
