//! What the rewriting app's tests share: tiny models trained here on the story world (as
//! the main job trains its own, much smaller), saved where the app loads them from, and
//! a client for its HTTP API through the router (no socket).
//! Each test crate uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use highstakes::pipeline::steps::{MaskedLmRecipe, train_classifier_from, train_masked_lm};
use highstakes::serve::worker::WorkerConfig;
use http_body_util::BodyExt;
use labels::{Split, SplitFractions};
use serde_json::Value;
use storyworld::{InjuryOracle, World, WorldConfig};
use tower::ServiceExt;

/// The saved models.
pub struct Models {
    pub classifier: PathBuf,
    pub masked_lm: PathBuf,
}

/// Trains a 2-layer masked LM on 300 story-world snippets and a classifier from it on 800
/// oracle-labeled ones (1 and 4 epochs: seconds), and saves both under `dir`.
pub fn train_models(dir: &Path) -> Models {
    let world = World::new(WorldConfig::default()).unwrap();
    let corpus: Vec<String> = world.corpus(300).collect();
    let recipe = MaskedLmRecipe {
        vocab: 400,
        hidden: 32,
        layers: 2,
        epochs: 1,
        seed: 0,
    };
    let (mlm, _) = train_masked_lm(&corpus, &recipe, tch::Device::Cpu, |_, _| {}).unwrap();
    let oracle = InjuryOracle::new().unwrap();
    let mut data = world.initial_dataset(800, &oracle).unwrap();
    data.assign_splits(
        SplitFractions {
            train: 0.9,
            validation: 0.1,
            test: 0.0,
        },
        0,
    )
    .unwrap();
    let (clf, _) = train_classifier_from(
        &mlm,
        &data.split(Split::Train),
        &data.split(Split::Validation),
        4,
        0,
        |_| {},
    )
    .unwrap();
    let models = Models {
        classifier: dir.join("classifier"),
        masked_lm: dir.join("masked_lm"),
    };
    clf.save(&models.classifier).unwrap();
    mlm.save(&models.masked_lm).unwrap();
    models
}

/// The app's settings for `models`, journaling to `journal`, accepting under `threshold`.
pub fn config(models: &Models, journal: &Path, threshold: f64) -> WorkerConfig {
    WorkerConfig {
        classifier: models.classifier.clone(),
        suggester: Some(models.masked_lm.clone()),
        journal: journal.to_path_buf(),
        threshold,
        suggestions_per_site: 6,
        classifier_name: "tiny".into(),
        max_sessions: 4,
        threads: 1,
        max_session_queries: highstakes::serve::MAX_SESSION_QUERIES,
    }
}

/// The app on freshly trained models (one libtorch thread for the test), hidden or naming
/// the classifier `tiny`: the router and the journal it appends to (in `dir`).
pub fn app_on_new_models(dir: &Path, threshold: f64, named: bool) -> (axum::Router, PathBuf) {
    tch::set_num_threads(1);
    let models = train_models(dir);
    let journal = dir.join("submissions.jsonl");
    let commands = highstakes::serve::worker::start(config(&models, &journal, threshold)).unwrap();
    let label = named.then(|| "tiny".to_string());
    (
        highstakes::serve::router(highstakes::serve::AppState::new(commands, label)),
        journal,
    )
}

/// POSTs `body` to `uri` through the router; the status and the JSON answer (`Null` when
/// the answer is not JSON).
pub async fn post(app: &axum::Router, uri: &str, body: String) -> (StatusCode, Value) {
    let response = app
        .clone()
        .oneshot(
            Request::post(uri)
                .header("content-type", "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, value)
}

/// GETs `uri` through the router: the status and the body.
pub async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
