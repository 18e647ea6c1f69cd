//! `highstakes serve`: the tool-assisted rewriting app on a local web page.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args as ClapArgs;
use serve::worker::{WorkerConfig, start};
use serve::{AppState, bind, router, serve_on};

use super::error::CliError;
use super::output::outln;

/// Serves the paper's rewriting tool (§4.4.3) on http://127.0.0.1:PORT/.
///
/// The page shows the prompt and the completion as editable text and the classifier's live
/// score; tokens are highlighted by saliency, a click opens the dropdown of substitutions
/// and insertions from the masked LM sorted by how much they lower the score; undo works;
/// Submit is enabled under the acceptance threshold and asks you to confirm the snippet is
/// injurious. Each adversarial example is appended at once to the journal (JSONL: the
/// labeled example with its provenance and the full edit trace).
///
/// libtorch runs on one thread unless --threads or HIGHSTAKES_THREADS asks for more: the
/// app answers many small requests, and libtorch's threads spin while they wait for each
/// other, so on a CPU that is also busy with something else one thread of them stalls the
/// rest (on 2 cores with another process spinning on one, 8 people at once: p95 418 ms
/// with 2 threads, 83 ms with 1; `scripts/serve-latency --clients 8 --busy 1`).
///
/// `/?tools=0` is the no-tools mode (the score only, for §5.2's comparison);
/// `&author=NAME` records who attacks; `&prompt=…&completion=…` starts from a seed.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The attacked classifier's directory (e.g. runs/adversarial_training/models/classifiers/baseline).
    #[arg(
        long,
        default_value = "runs/adversarial_training/models/classifiers/baseline"
    )]
    classifier: PathBuf,
    /// The masked LM whose suggestions fill the dropdown (with WordNet's).
    #[arg(long, default_value = "runs/adversarial_training/models/masked_lm")]
    suggester: PathBuf,
    /// The journal submissions are appended to (fixed here: no request can choose it).
    #[arg(long, default_value = "submissions.jsonl")]
    journal: PathBuf,
    /// Where to listen; only loopback addresses unless --allow-remote.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Allow a non-loopback --addr (anyone who can reach it can use the models).
    #[arg(long)]
    allow_remote: bool,
    /// An example counts when the classifier scores it under this (the paper: 0.05).
    #[arg(long, default_value_t = attacks::PAPER_ACCEPTANCE_THRESHOLD)]
    threshold: f64,
    /// Hide which classifier is attacked (the page does not name it; the journal does).
    #[arg(long)]
    hide_classifier: bool,
    /// Suggestions per site in the dropdown.
    #[arg(long, default_value_t = 12)]
    suggestions: usize,
}

/// Runs `serve`; `threads` is what `--threads` or HIGHSTAKES_THREADS set, if anything.
pub fn run(args: Args, threads: Option<i32>) -> Result<(), CliError> {
    let name = args
        .classifier
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "classifier".into());
    let commands = start(WorkerConfig {
        classifier: args.classifier,
        suggester: Some(args.suggester),
        journal: args.journal,
        threshold: args.threshold,
        suggestions_per_site: args.suggestions,
        classifier_name: name.clone(),
        max_sessions: 64,
        threads: threads.unwrap_or(serve::worker::DEFAULT_THREADS),
        max_session_queries: serve::MAX_SESSION_QUERIES,
    })?;
    let state = AppState::new(commands, (!args.hide_classifier).then_some(name));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the HTTP runtime: {e}"))?;
    runtime.block_on(async {
        let listener = bind(args.addr, args.allow_remote).await?;
        let bound = listener
            .local_addr()
            .map_err(|e| format!("cannot read the bound address: {e}"))?;
        outln!("serving on http://{bound}/");
        serve_on(listener, router(state)).await?;
        Ok::<(), CliError>(())
    })
}
