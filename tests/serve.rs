//! The rewriting app's HTTP API, driven through its router (no socket): a session sees
//! its live score, the saliency of its tokens, a dropdown sorted by score; applying a
//! suggestion changes the score to the one the dropdown promised; undo takes it back; a
//! submission lands in the journal with its trace. Bad requests get a 4xx with a message.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use highstakes::pipeline::steps::{MaskedLmRecipe, train_classifier_from, train_masked_lm};
use highstakes::serve::worker::{WorkerConfig, start};
use highstakes::serve::{AppState, MAX_BODY_BYTES, router, serve};
use http_body_util::BodyExt;
use labels::{Split, SplitFractions};
use serde_json::{Value, json};
use storyworld::{InjuryOracle, World, WorldConfig};
use tower::ServiceExt;

async fn post(app: &axum::Router, uri: &str, body: String) -> (StatusCode, Value) {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_rewrites_with_the_tools_and_submits() {
    tch::set_num_threads(1);
    let tmp = tempfile::tempdir().unwrap();
    // tiny models trained here on the story world (as the main job does, much smaller)
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
    let mut data = world.initial_dataset(400, &oracle).unwrap();
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
        1,
        0,
        |_| {},
    )
    .unwrap();
    let classifier_dir = tmp.path().join("classifier");
    let mlm_dir = tmp.path().join("masked_lm");
    clf.save(&classifier_dir).unwrap();
    mlm.save(&mlm_dir).unwrap();
    let journal = tmp.path().join("submissions.jsonl");
    let commands = start(WorkerConfig {
        classifier: classifier_dir.clone(),
        suggester: Some(mlm_dir.clone()),
        journal: journal.clone(),
        // every score under 1 is accepted, so that this test can always submit
        threshold: 1.0,
        suggestions_per_site: 6,
        classifier_name: "tiny".into(),
        max_sessions: 4,
    })
    .unwrap();
    let app = router(AppState::new(commands, Some("tiny".into())));

    // the page
    let page = app
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&html).contains("id=\"completion\""));

    // a session from an injurious seed
    let (status, state) = post(
        &app,
        "/api/sessions",
        json!({"prompt": "Mara and Tom argued in the kitchen.", "completion": "Mara stabbed Tom with a knife.", "author": "tester"}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{state}");
    let id = state["id"].as_u64().unwrap();
    let first_score = state["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&first_score));
    let uri = format!("/api/sessions/{id}");

    // saliency: one entry per token, the completion's among them
    let (status, map) = post(&app, &uri, json!({"action": "saliency"}).to_string()).await;
    assert_eq!(status, StatusCode::OK, "{map}");
    let tokens = map["tokens"].as_array().unwrap();
    let token = tokens
        .iter()
        .find(|t| t["part"] == "completion")
        .expect("completion tokens");
    assert!(
        tokens
            .iter()
            .all(|t| t["saliency"].as_f64().unwrap() >= 0.0)
    );

    // the dropdown: sorted by score, lowest first
    let (status, list) = post(
        &app,
        &uri,
        json!({"action": "candidates", "part": "completion", "start": token["start"], "end": token["end"]}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let list = list.as_array().unwrap().clone();
    assert!(!list.is_empty());
    let scores: Vec<f64> = list.iter().map(|c| c["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");

    // applying the best suggestion gives the score the dropdown showed for it
    let (status, after) = post(
        &app,
        &uri,
        json!({"action": "apply", "edit": list[0]["edit"]}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert!((after["score"].as_f64().unwrap() - scores[0]).abs() < 1e-9);
    assert_eq!(after["undo_depth"], 1);
    let (_, undone) = post(&app, &uri, json!({"action": "undo"}).to_string()).await;
    assert_eq!(undone["undo_depth"], 0);
    assert!((undone["score"].as_f64().unwrap() - first_score).abs() < 1e-9);

    // submit: saved at once, with the trace
    let (status, out) = post(
        &app,
        &uri,
        json!({"action": "submit", "injurious": true}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{out}");
    assert_eq!(out["submit"]["accepted"], true, "{out}");
    let lines: Vec<Value> = std::fs::read_to_string(&journal)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["example"]["label"], "injurious");
    assert_eq!(lines[0]["example"]["provenance"]["author"], "tester");
    assert!(!lines[0]["trace"]["events"].as_array().unwrap().is_empty());

    // a no-tools session has no saliency
    let (_, plain) = post(
        &app,
        "/api/sessions",
        json!({"completion": "Tom fell.", "tools": false}).to_string(),
    )
    .await;
    let plain_uri = format!("/api/sessions/{}", plain["id"]);
    let (status, err) = post(&app, &plain_uri, json!({"action": "saliency"}).to_string()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    assert!(err["error"].as_str().unwrap().contains("tools"), "{err}");

    // bad requests: a 4xx with a message, and the server keeps serving
    let (status, err) = post(
        &app,
        "/api/sessions/999",
        json!({"action": "state"}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{err}");
    let (status, err) = post(
        &app,
        &uri,
        json!({"action": "candidates", "part": "title", "start": 0, "end": 1}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    let (status, _) = post(&app, &uri, "{not json".into()).await;
    assert!(status.is_client_error(), "{status}");
    let (status, _) = post(&app, &uri, "x".repeat(MAX_BODY_BYTES + 1)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let (status, err) = post(
        &app,
        &uri,
        json!({"action": "text", "completion": "a".repeat(5_000)}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    let (status, err) = post(
        &app,
        &uri,
        json!({"action": "candidates", "part": "completion", "start": 500, "end": 900}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    let (status, _) = post(&app, &uri, json!({"action": "state"}).to_string()).await;
    assert_eq!(status, StatusCode::OK);

    // a non-loopback address needs an explicit flag
    let err = serve(app.clone(), "0.0.0.0:0".parse().unwrap(), false)
        .await
        .unwrap_err();
    assert!(err.contains("--allow-remote"), "{err}");

    // a wrong classifier directory is a clear error before anything is served
    let err = start(WorkerConfig {
        classifier: tmp.path().join("nothing"),
        suggester: None,
        journal,
        threshold: 0.05,
        suggestions_per_site: 6,
        classifier_name: "none".into(),
        max_sessions: 4,
    })
    .err()
    .unwrap();
    assert!(err.contains("nothing"), "{err}");
}
