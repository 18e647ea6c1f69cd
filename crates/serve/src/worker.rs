//! The model thread: it owns the classifier, the suggestions and every person's rewriting
//! session, and answers one command at a time. libtorch models are not shared between
//! threads, and two CPU cores gain nothing from running two forward passes at once.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Instant;

use attacks::{
    AdversarialCriterion, AttackerSuggestions, Budget, DebertaTarget, Edit, Part, RewriteSession,
    SessionSettings, StopReason, SubmitResult, Suggester, TextSpan,
};
use classifier::{InjuriousnessClassifier, MaskedLmSuggester};
use labels::{Journal, Judgement, Label, Labeler, Snippet};
use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;

use crate::api::{
    ApiError, CandidateView, SessionState, Submission, SubmitView, TokenView, part_name,
};

/// What the worker needs to start.
pub struct WorkerConfig {
    /// The attacked classifier's directory.
    pub classifier: PathBuf,
    /// The masked LM whose suggestions the dropdown shows (with WordNet's).
    pub suggester: Option<PathBuf>,
    /// Where submissions are appended.
    pub journal: PathBuf,
    /// The acceptance threshold.
    pub threshold: f64,
    /// Suggestions asked for per site.
    pub suggestions_per_site: usize,
    /// The name recorded as the attacked classifier.
    pub classifier_name: String,
    /// Most sessions alive at once (beyond it, the one idle longest is closed; its
    /// submissions are already in the journal).
    pub max_sessions: usize,
    /// libtorch's intra-op threads for the models (see [`DEFAULT_THREADS`]).
    pub threads: i32,
    /// Queries one session may make ([`super::MAX_SESSION_QUERIES`] by default): the
    /// trace keeps one event per query, so this bounds a session's memory.
    pub max_session_queries: u64,
}

/// One command from an HTTP handler.
pub enum Command {
    /// A new session from a seed (or empty).
    Open {
        /// Prompt and completion to start from.
        seed: Snippet,
        /// Whether the saliency and dropdown tools are on.
        tools: bool,
        /// Who attacks.
        author: String,
        /// The answer.
        reply: oneshot::Sender<Result<SessionState, ApiError>>,
    },
    /// What the model thread runs with (libtorch's threads).
    Info {
        /// The answer.
        reply: oneshot::Sender<serde_json::Value>,
    },
    /// Something done in a session.
    Act {
        /// The session.
        id: String,
        /// What.
        action: Action,
        /// The answer.
        reply: oneshot::Sender<Result<serde_json::Value, ApiError>>,
    },
}

/// What a person does in a session.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Read the state.
    State,
    /// Replace the text of the prompt and/or the completion (free editing).
    Text {
        /// The new prompt.
        prompt: Option<String>,
        /// The new completion.
        completion: Option<String>,
    },
    /// Saliency of every token.
    Saliency,
    /// The scored dropdown for the token under a span.
    Candidates {
        /// `prompt` or `completion`.
        part: String,
        /// First character.
        start: usize,
        /// One past the last character.
        end: usize,
    },
    /// Apply an edit (a dropdown entry).
    Apply {
        /// The edit.
        edit: Edit,
    },
    /// Undo the last change.
    Undo,
    /// Submit, confirming (or not) that the snippet is injurious.
    Submit {
        /// The person's judgement.
        injurious: bool,
    },
}

/// The person's own judgement at submission, as a labeler.
struct Confirmation {
    id: String,
    injurious: bool,
    seconds: f64,
}

impl Labeler for Confirmation {
    fn id(&self) -> &str {
        &self.id
    }
    fn label_batch(&mut self, snippets: &[Snippet]) -> labels::Result<Vec<Judgement>> {
        let label = if self.injurious {
            Label::Injurious
        } else {
            Label::NonInjurious
        };
        Ok(snippets
            .iter()
            .map(|_| Judgement {
                seconds: Some(self.seconds),
                ..Judgement::new(self.id.clone(), label)
            })
            .collect())
    }
}

struct Live {
    session: RewriteSession<'static, 'static>,
    author: String,
    /// The key of the snippet last saved to the journal: submitting it again writes
    /// nothing (a double click, a retried request).
    saved: Option<String>,
    /// When a request last touched it: at the session limit, the idlest one is closed.
    last_used: Instant,
}

impl WorkerConfig {
    /// Checks the settings and the journal before anything is loaded: a threshold in
    /// (0, 1] (1 accepts every score), 1 to [`MAX_SUGGESTIONS`] suggestions per site, at least one session, and a
    /// journal that is (or can be created as) a regular file open for appending, so that a
    /// bad path fails at start-up, not when someone submits their work.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return Err(format!(
                "--threshold {} must lie between 0 and 1 (the paper's is 0.05)",
                self.threshold
            ));
        }
        if !(1..=MAX_SUGGESTIONS).contains(&self.suggestions_per_site) {
            return Err(format!(
                "--suggestions {} must be 1 to {MAX_SUGGESTIONS}",
                self.suggestions_per_site
            ));
        }
        if self.threads < 1 {
            return Err(format!(
                "{} libtorch threads: at least 1 is needed",
                self.threads
            ));
        }
        if self.max_sessions == 0 || self.max_session_queries == 0 {
            return Err("at least one session and one query per session must be allowed".into());
        }
        let journal = &self.journal;
        if let Ok(meta) = std::fs::symlink_metadata(journal)
            && !meta.file_type().is_file()
        {
            return Err(format!(
                "{}: the journal must be a regular file, and this is {}",
                journal.display(),
                if meta.is_dir() {
                    "a directory"
                } else if meta.file_type().is_symlink() {
                    "a symbolic link"
                } else {
                    "not one"
                }
            ));
        }
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(journal)
            .map_err(|e| {
                format!(
                    "{}: cannot open the journal for appending: {e}",
                    journal.display()
                )
            })?;
        Ok(())
    }
}

/// libtorch threads of the app when none are asked for: it answers many small requests,
/// and libtorch's threads spin while they wait for each other, so on a CPU busy with
/// something else too one of them stalls the rest (2 cores, another process spinning on
/// one, 8 people at once: p95 of saliency + dropdown 418 ms with 2 threads, 83 ms with 1;
/// idle, 105 and 87 ms; `scripts/serve-latency --clients 8 --busy 1`, tiny models).
pub const DEFAULT_THREADS: i32 = 1;

/// The most suggestions per site a server may be asked to show.
pub const MAX_SUGGESTIONS: usize = 256;

/// A new session's id: 128 random bits as 32 hex digits, so that nobody can guess another
/// person's session (the server may be reachable by others with `--allow-remote`).
fn new_session_id() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// Starts the model thread; returns the channel its commands go to. Bad settings (see
/// [`WorkerConfig::validate`]) and loading errors come back before any request is served.
pub fn start(config: WorkerConfig) -> Result<mpsc::Sender<Command>, String> {
    config.validate()?;
    let (tx, rx) = mpsc::channel::<Command>();
    let (ready_tx, ready_rx) = mpsc::channel::<Result<(), String>>();
    std::thread::Builder::new()
        .name("highstakes-models".into())
        .spawn(move || {
            tch::set_num_threads(config.threads);
            let loaded = load(&config);
            match loaded {
                Ok((target, suggester)) => {
                    let _ = ready_tx.send(Ok(()));
                    serve_commands(&config, target, suggester, rx);
                }
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                }
            }
        })
        .map_err(|e| format!("cannot start the model thread: {e}"))?;
    ready_rx
        .recv()
        .map_err(|_| "the model thread stopped while loading".to_string())??;
    Ok(tx)
}

type Loaded = (
    &'static DebertaTarget<InjuriousnessClassifier>,
    Option<&'static dyn Suggester>,
);

fn load(config: &WorkerConfig) -> Result<Loaded, String> {
    let device = classifier::default_device();
    let clf = InjuriousnessClassifier::load(&config.classifier, device)
        .map_err(|e| format!("{}: {e}", config.classifier.display()))?;
    // the models live as long as the server: leaking them gives the sessions the
    // 'static borrows they hold
    let target: &'static DebertaTarget<InjuriousnessClassifier> = Box::leak(Box::new(
        DebertaTarget::new(config.classifier_name.clone(), clf),
    ));
    let suggester = match &config.suggester {
        Some(dir) => {
            let mlm = MaskedLmSuggester::load(dir, device)
                .map_err(|e| format!("{}: {e}", dir.display()))?;
            let mlm: &'static MaskedLmSuggester = Box::leak(Box::new(mlm));
            let lexicon = storyworld::Lexicon::load().map_err(|e| e.to_string())?;
            let both: &'static AttackerSuggestions<'static> =
                Box::leak(Box::new(AttackerSuggestions::new(lexicon, mlm)));
            let combined: &'static dyn Suggester = Box::leak(Box::new(both.combined()));
            Some(combined)
        }
        None => None,
    };
    Ok((target, suggester))
}

fn serve_commands(
    config: &WorkerConfig,
    target: &'static DebertaTarget<InjuriousnessClassifier>,
    suggester: Option<&'static dyn Suggester>,
    rx: mpsc::Receiver<Command>,
) {
    let mut sessions: HashMap<String, Live> = HashMap::new();
    let settings = SessionSettings {
        criterion: AdversarialCriterion {
            threshold: config.threshold,
            ..AdversarialCriterion::default()
        },
        suggestions_per_site: config.suggestions_per_site,
        // an edit may not grow a part past the cap a new session's text has, and undo
        // keeps MAX_UNDO copies: a session's memory stays bounded however long it runs
        max_part_chars: Some(crate::limits::MAX_TEXT_CHARS),
        max_undo: crate::limits::MAX_UNDO,
        ..SessionSettings::default()
    };
    for command in rx {
        match command {
            Command::Open {
                seed,
                tools,
                author,
                reply,
            } => {
                let opened = (|| {
                    if tools && suggester.is_none() {
                        return Err(ApiError::bad_request(
                            "this server has no suggester: start it with --suggester for the tools",
                        ));
                    }
                    let seed =
                        (!seed.completion.is_empty() || !seed.prompt.is_empty()).then_some(seed);
                    // a query budget bounds the trace (one event per query) and so the
                    // session's memory and its journal line
                    let budget = Budget::queries(config.max_session_queries);
                    let mut session = RewriteSession::new(target, seed, budget, settings)
                        .map_err(ApiError::from_attack)?;
                    if let (true, Some(s)) = (tools, suggester) {
                        session = session.with_tools(s);
                    }
                    session = session.with_author(author.clone());
                    if sessions.len() >= config.max_sessions
                        && let Some(idlest) = sessions
                            .iter()
                            .min_by_key(|(_, l)| l.last_used)
                            .map(|(id, _)| id.clone())
                    {
                        sessions.remove(&idlest);
                    }
                    let id = new_session_id();
                    let live = Live {
                        session,
                        author,
                        saved: None,
                        last_used: Instant::now(),
                    };
                    let state = state_of(&id, &live, tools);
                    sessions.insert(id, live);
                    Ok(state)
                })();
                let _ = reply.send(opened);
            }
            Command::Info { reply } => {
                let _ = reply.send(serde_json::json!({ "threads": tch::get_num_threads() }));
            }
            Command::Act { id, action, reply } => {
                let answer = match sessions.get_mut(&id) {
                    None => Err(ApiError::not_found(format!("no session {id}"))),
                    Some(live) => {
                        live.last_used = Instant::now();
                        act(config, &id, live, action)
                    }
                };
                let _ = reply.send(answer);
            }
        }
    }
    // the server stopped: close what is open (submissions are already in the journal)
    for (_, live) in sessions.drain() {
        let _ = live.session.finish("web", StopReason::Quit);
    }
}

fn state_of(id: &str, live: &Live, tools: bool) -> SessionState {
    let s = &live.session;
    SessionState {
        id: id.to_string(),
        prompt: s.snippet().prompt.clone(),
        completion: s.snippet().completion.clone(),
        score: s.score(),
        threshold: s.criterion().threshold,
        can_submit: s.can_submit(),
        tools,
        undo_depth: s.undo_depth(),
        queries: s.queries(),
        seconds: s.elapsed_seconds(),
        author: live.author.clone(),
    }
}

fn to_json<T: Serialize>(value: T) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::internal(e.to_string()))
}

fn act(
    config: &WorkerConfig,
    id: &str,
    live: &mut Live,
    action: Action,
) -> Result<serde_json::Value, ApiError> {
    let tools = live.session.source() == labels::Source::ToolAssisted;
    match action {
        Action::State => to_json(state_of(id, live, tools)),
        Action::Text { prompt, completion } => {
            if let Some(p) = prompt {
                live.session
                    .set_part(Part::Prompt, p)
                    .map_err(ApiError::from_attack)?;
            }
            if let Some(c) = completion {
                live.session
                    .set_part(Part::Completion, c)
                    .map_err(ApiError::from_attack)?;
            }
            to_json(state_of(id, live, tools))
        }
        Action::Saliency => {
            let map = live.session.saliency().map_err(ApiError::from_attack)?;
            let tokens: Vec<TokenView> = map
                .tokens
                .into_iter()
                .map(|t| TokenView {
                    part: part_name(t.span.part).to_string(),
                    start: t.span.start,
                    end: t.span.end,
                    text: t.text,
                    saliency: t.saliency,
                })
                .collect();
            to_json(serde_json::json!({ "score": map.score, "tokens": tokens }))
        }
        Action::Candidates { part, start, end } => {
            let part = crate::api::parse_part(&part)?;
            let span = TextSpan::new(part, start, end);
            let list = live
                .session
                .candidates(span)
                .map_err(ApiError::from_attack)?;
            let views: Vec<CandidateView> = list
                .into_iter()
                .map(|c| CandidateView {
                    kind: if c.edit.start == c.edit.end {
                        "insert".into()
                    } else {
                        "replace".into()
                    },
                    text: c.edit.text.clone(),
                    score: c.score,
                    score_drop: c.score_drop,
                    edit: c.edit,
                })
                .collect();
            to_json(views)
        }
        Action::Apply { edit } => {
            live.session.apply(&edit).map_err(ApiError::from_attack)?;
            to_json(state_of(id, live, tools))
        }
        Action::Undo => {
            live.session.undo();
            to_json(state_of(id, live, tools))
        }
        Action::Submit { injurious } => {
            let key = live.session.snippet().key();
            if live.saved.as_deref() == Some(key.as_str()) {
                let view = SubmitView {
                    accepted: true,
                    message: "already saved: this snippet was submitted before".into(),
                };
                return to_json(
                    serde_json::json!({ "submit": view, "state": state_of(id, live, tools) }),
                );
            }
            let mut person = Confirmation {
                id: live.author.clone(),
                injurious,
                seconds: live.session.elapsed_seconds(),
            };
            let result = live
                .session
                .submit(&mut person)
                .map_err(ApiError::from_attack)?;
            let view = match result {
                SubmitResult::Adversarial(example) => {
                    let record = Submission {
                        example: (*example).clone(),
                        trace: live.session.trace().clone(),
                        tools,
                    };
                    Journal::<Submission>::open(&config.journal)
                        .and_then(|mut j| j.append(&record))
                        .map_err(|e| ApiError::internal(e.to_string()))?;
                    live.saved = Some(key);
                    SubmitView {
                        accepted: true,
                        message: "adversarial example saved".into(),
                    }
                }
                SubmitResult::NotAccepted { score, threshold } => SubmitView {
                    accepted: false,
                    message: format!("the classifier still flags it ({score:.3} ≥ {threshold})"),
                },
                SubmitResult::NotInjurious(_) => SubmitView {
                    accepted: false,
                    message: "not injurious by your judgement: not an adversarial example".into(),
                },
            };
            to_json(serde_json::json!({ "submit": view, "state": state_of(id, live, tools) }))
        }
    }
}
