//! The rewriting app's HTTP API, driven through its router (no socket): a session sees
//! its live score, the saliency of its tokens, a dropdown sorted by score; applying a
//! suggestion changes the score to the one the dropdown promised; undo takes it back; a
//! submission lands in the journal with its trace. Bad requests get a 4xx with a message.

mod support;

use axum::http::StatusCode;
use highstakes::serve::worker::start;
use highstakes::serve::{AppState, MAX_BODY_BYTES, MAX_TEXT_CHARS, router, serve};
use serde_json::{Value, json};
use support::{app_on_new_models, config, get, post, train_models};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_rewrites_with_the_tools_and_submits() {
    tch::set_num_threads(1);
    let tmp = tempfile::tempdir().unwrap();
    let models = train_models(tmp.path());
    let journal = tmp.path().join("submissions.jsonl");
    // every score under 1 is accepted, so that this test can always submit (the browser
    // test checks that Submit stays disabled above the threshold)
    let commands = start(config(&models, &journal, 1.0)).unwrap();
    let app = router(AppState::new(commands, Some("tiny".into())));

    // the page, and the classifier it names
    let (status, html) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"completion\""));
    let (_, info) = get(&app, "/api/info").await;
    let info: Value = serde_json::from_str(&info).unwrap();
    assert_eq!(info["classifier"], "tiny");
    // the model thread runs libtorch with the threads it was given (`serve`'s default is
    // worker::DEFAULT_THREADS = 1: at 314c2bf libtorch's one per core made p95 latency
    // 5-7 s when another process kept one of 2 cores busy)
    assert_eq!(info["threads"], 1);

    // a session from an injurious seed
    let (status, state) = post(
        &app,
        "/api/sessions",
        json!({"prompt": "Mara and Tom argued in the kitchen.", "completion": "Mara stabbed Tom with a knife.", "author": "tester"}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{state}");
    // ids are 128 random bits (32 hex digits): at 314c2bf they were 1, 2, 3…, so anyone
    // reaching the server could read or submit another person's session
    let id = state["id"].as_str().unwrap().to_string();
    assert!(
        id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
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

    // edits cannot grow a text past the cap a new session's text has (MAX_TEXT_CHARS):
    // 1,000 characters inserted before the prompt three times fit (3,000 + 35), the fourth
    // is refused (the prompt, unlike the completion, may be cut to fit the classifier)
    let mut insert = list[0]["edit"].clone();
    insert["part"] = json!("prompt");
    insert["start"] = json!(0);
    insert["end"] = json!(0);
    insert["text"] = json!("x ".repeat(500));
    for depth in 1..=3 {
        let (status, state) = post(
            &app,
            &uri,
            json!({"action": "apply", "edit": insert}).to_string(),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{state}");
        assert_eq!(state["undo_depth"], depth);
    }
    let (status, refused) = post(
        &app,
        &uri,
        json!({"action": "apply", "edit": insert}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .contains(&format!("more than {MAX_TEXT_CHARS}")),
        "{refused}"
    );
    for _ in 0..3 {
        post(&app, &uri, json!({"action": "undo"}).to_string()).await;
    }

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

    // submitting the same snippet again (a double click, a retried request) writes
    // nothing more: at 314c2bf it wrote a second journal line
    let (status, again) = post(
        &app,
        &uri,
        json!({"action": "submit", "injurious": true}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["submit"]["accepted"], true, "{again}");
    assert!(
        again["submit"]["message"]
            .as_str()
            .unwrap()
            .contains("already saved"),
        "{again}"
    );
    assert_eq!(
        std::fs::read_to_string(&journal).unwrap().lines().count(),
        1
    );

    // a no-tools session has no saliency
    let (_, plain) = post(
        &app,
        "/api/sessions",
        json!({"completion": "Tom fell.", "tools": false}).to_string(),
    )
    .await;
    assert_ne!(plain["id"], state["id"]);
    let plain_uri = format!("/api/sessions/{}", plain["id"].as_str().unwrap());
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
    // the framework's own refusals are JSON like the app's (at 314c2bf: plain text)
    let (status, err) = post(&app, &uri, "{not json".into()).await;
    assert!(status.is_client_error(), "{status}");
    assert!(
        err["error"].as_str().is_some_and(|m| !m.is_empty()),
        "{err}"
    );
    let (status, err) = post(&app, &uri, json!({"action": "fly"}).to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert!(err["error"].as_str().unwrap().contains("fly"), "{err}");
    let (status, err) = post(&app, &uri, "x".repeat(MAX_BODY_BYTES + 1)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(err["error"].is_string(), "{err}");
    let (status, err) = post(&app, "/api/nowhere", "{}".into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(err["error"].is_string(), "{err}");
    // a completion longer than the classifier's window (128 tokens) is the request's
    // fault: 400, not the 500 of a failing model (as at 314c2bf); the text is unchanged
    let (status, err) = post(
        &app,
        &uri,
        json!({"action": "text", "completion": "word ".repeat(600)}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    assert!(err["error"].as_str().unwrap().contains("refuses"), "{err}");
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
        .unwrap_err()
        .to_string();
    assert!(err.contains("--allow-remote"), "{err}");

    // a session's queries are bounded (the trace keeps one event per query, so its memory
    // and its journal line are too): here 3, in `serve` MAX_SESSION_QUERIES
    let mut small = config(&models, &journal, 0.05);
    small.max_session_queries = 3;
    let small = router(AppState::new(start(small).unwrap(), None));
    let (_, opened) = post(
        &small,
        "/api/sessions",
        json!({"completion": "Tom fell."}).to_string(),
    )
    .await;
    let small_uri = format!("/api/sessions/{}", opened["id"].as_str().unwrap());
    let mut statuses = Vec::new();
    for k in 0..5 {
        let text = format!("Tom fell {k} times.");
        let (status, answer) = post(
            &small,
            &small_uri,
            json!({"action": "text", "completion": text}).to_string(),
        )
        .await;
        if status == StatusCode::BAD_REQUEST {
            assert!(
                answer["error"].as_str().unwrap().contains("open a new one"),
                "{answer}"
            );
        }
        statuses.push(status.as_u16());
    }
    // the opening score was the first query, so two edits fit and the rest are refused
    assert_eq!(statuses, [200, 200, 400, 400, 400]);

    // bad settings and a journal that cannot be written fail at start-up, before a
    // person's work is lost at submission (at 314c2bf a directory failed at the first
    // submit with a 500, and a threshold of NaN or 2 or no suggestions were accepted)
    for (edit, wanted) in [
        (
            Box::new(|c: &mut highstakes::serve::worker::WorkerConfig| c.threshold = f64::NAN)
                as Box<dyn Fn(&mut highstakes::serve::worker::WorkerConfig)>,
            "--threshold NaN",
        ),
        (Box::new(|c| c.threshold = 2.0), "--threshold 2"),
        (Box::new(|c| c.suggestions_per_site = 0), "--suggestions 0"),
        (
            Box::new(|c| c.journal = std::env::temp_dir()),
            "must be a regular file, and this is a directory",
        ),
        (
            Box::new(|c| c.journal = "/nonexistent/dir/j.jsonl".into()),
            "cannot open the journal",
        ),
    ] {
        let mut bad = config(&models, &journal, 0.05);
        edit(&mut bad);
        let err = start(bad).err().unwrap();
        assert!(err.contains(wanted), "{wanted}: {err}");
    }

    // a wrong classifier directory is a clear error before anything is served
    let mut wrong = config(&models, &journal, 0.05);
    wrong.classifier = tmp.path().join("nothing");
    let err = start(wrong).err().unwrap();
    assert!(err.contains("nothing"), "{err}");
}

/// Several people at once: each session keeps its own text, score and undo history while
/// requests from all of them interleave on the one model thread; the hidden mode does not
/// name the classifier.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_are_independent_and_the_classifier_can_be_hidden() {
    let tmp = tempfile::tempdir().unwrap();
    let (app, _journal) = app_on_new_models(tmp.path(), 0.05, false);
    let (_, info) = get(&app, "/api/info").await;
    assert_eq!(
        serde_json::from_str::<Value>(&info).unwrap()["classifier"],
        Value::Null
    );

    let seeds = [
        "Mara stabbed Tom with a knife.",
        "Tom fell off the roof and broke his arm.",
        "The dog slept by the fire.",
        "Ana baked bread for the village.",
    ];
    let people = seeds.into_iter().enumerate().map(|(i, completion)| {
        let app = app.clone();
        async move {
            let (status, state) = post(
                &app,
                "/api/sessions",
                json!({"completion": completion, "author": format!("person{i}")}).to_string(),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{state}");
            let uri = format!("/api/sessions/{}", state["id"].as_str().unwrap());
            let first = state["score"].as_f64().unwrap();
            // each person appends their own words, then undoes it
            let edited = format!("{completion} Then person {i} went home.");
            let (_, after) = post(
                &app,
                &uri,
                json!({"action": "text", "completion": edited}).to_string(),
            )
            .await;
            assert_eq!(after["completion"], edited.as_str());
            assert_eq!(after["author"], format!("person{i}"));
            let (_, map) = post(&app, &uri, json!({"action": "saliency"}).to_string()).await;
            assert!(
                map["tokens"].as_array().is_some_and(|t| !t.is_empty()),
                "{map}"
            );
            let (_, undone) = post(&app, &uri, json!({"action": "undo"}).to_string()).await;
            assert_eq!(undone["completion"], completion);
            // the model thread may score this text in another batch than the first time:
            // equal up to libtorch's rounding, which depends on the batch and the CPU
            let back = undone["score"].as_f64().unwrap();
            assert!(
                (back - first).abs() <= 1e-5,
                "{back} after undo, {first} before"
            );
            (completion.to_string(), first)
        }
    });
    let results = futures_join_all(people).await;
    // the same text scored alone gives the same score: nothing leaked between sessions
    for (completion, score) in results {
        let (_, alone) = post(
            &app,
            "/api/sessions",
            json!({"completion": completion}).to_string(),
        )
        .await;
        // a leak between sessions would move the score by far more than rounding
        let again = alone["score"].as_f64().unwrap();
        assert!(
            (again - score).abs() <= 1e-5,
            "{completion}: {again} vs {score}"
        );
    }
}

/// Runs the futures concurrently on the test's runtime and collects their results in order.
async fn futures_join_all<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

/// The API's request bodies, fuzzed: valid requests with random edits (`labels::fuzz`,
/// `labels::fuzz::cases(300)` of them, HIGHSTAKES_FUZZ_CASES for more), sent to open a
/// session or to act in one. Every answer is a 2xx or a 4xx with a JSON `{"error": …}`,
/// never a 5xx, and the server still opens sessions afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fuzzed_request_bodies_get_json_answers_and_never_a_server_error() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, TestRunner};

    let tmp = tempfile::tempdir().unwrap();
    let (app, _journal) = app_on_new_models(tmp.path(), 0.05, false);
    let (_, state) = post(
        &app,
        "/api/sessions",
        json!({"prompt": "Mara and Tom argued.", "completion": "Mara stabbed Tom."}).to_string(),
    )
    .await;
    let uri = format!("/api/sessions/{}", state["id"].as_str().unwrap());
    let edit = json!({"part": "completion", "start": 0, "end": 4, "text": "Lena"});
    let valid: Vec<(bool, Value)> = vec![
        (
            true,
            json!({"prompt": "A.", "completion": "Tom fell.", "tools": true, "author": "x"}),
        ),
        (false, json!({"action": "state"})),
        (
            false,
            json!({"action": "text", "prompt": "They ate.", "completion": "Tom fell."}),
        ),
        (false, json!({"action": "saliency"})),
        (
            false,
            json!({"action": "candidates", "part": "completion", "start": 0, "end": 4}),
        ),
        (false, json!({"action": "apply", "edit": edit})),
        (false, json!({"action": "undo"})),
        (false, json!({"action": "submit", "injurious": true})),
    ];
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    });
    let cases = labels::fuzz::cases(300);
    let mut by_status = std::collections::BTreeMap::new();
    for k in 0..cases as usize {
        let (open, body) = &valid[k % valid.len()];
        let bytes = labels::fuzz::mutated(body.to_string().into_bytes())
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let target = if *open { "/api/sessions" } else { uri.as_str() };
        let body = String::from_utf8_lossy(&bytes).into_owned();
        let (status, answer) = post(&app, target, body.clone()).await;
        assert!(!status.is_server_error(), "{status} for {body:?}: {answer}");
        if status.is_client_error() {
            assert!(
                answer["error"].is_string(),
                "{status} for {body:?}: {answer}"
            );
        }
        *by_status.entry(status.as_u16()).or_insert(0) += 1;
    }
    // still serving (the fuzzed opens may have closed the first session: 4 at most here)
    let (status, fresh) = post(
        &app,
        "/api/sessions",
        json!({"completion": "Tom fell."}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{fresh}");
    println!("{cases} fuzzed requests, answers by status: {by_status:?}");
}

/// `highstakes serve` runs libtorch on one thread unless asked for more
/// (worker::DEFAULT_THREADS): at 314c2bf it took one per core, and with another process
/// busy on one of 2 cores, 8 people at once waited 5-7 s at p95 (the latency itself is
/// measured by `scripts/serve-latency --clients 8 --busy 1`, see the README).
#[test]
fn serve_defaults_to_one_libtorch_thread() {
    use std::io::{BufRead, Read, Write};
    let tmp = tempfile::tempdir().unwrap();
    let models = train_models(tmp.path());
    let info = |threads: Option<&str>| -> Value {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_highstakes"));
        if let Some(n) = threads {
            command.args(["--threads", n]);
        }
        let mut child = command
            .arg("serve")
            .arg("--classifier")
            .arg(&models.classifier)
            .arg("--suggester")
            .arg(&models.masked_lm)
            .arg("--journal")
            .arg(tmp.path().join("j.jsonl"))
            .args(["--addr", "127.0.0.1:0"])
            .env_remove("HIGHSTAKES_THREADS")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // "serving on http://127.0.0.1:PORT/"
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .trim_start_matches("serving on http://")
            .trim_end_matches('/')
            .to_string();
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            stream,
            "GET /api/info HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
        let body = response.split("\r\n\r\n").nth(1).unwrap_or_default();
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {response}"))
    };
    assert_eq!(info(None)["threads"], 1);
    if highstakes::threads::available_cpus() >= 2 {
        assert_eq!(info(Some("2"))["threads"], 2);
    }
}
