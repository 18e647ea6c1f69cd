//! The rewriting app driven in a real browser: headless Chromium through WebDriver
//! (Debian's `chromium` and `chromium-driver`, which `scripts/setup` installs). A person
//! loads the page, sees the completion's tokens highlighted in yellow by saliency, clicks
//! one, picks the dropdown's best suggestion, watches the score fall under the acceptance
//! threshold, submits (confirming the snippet is injurious) and the example is in the
//! journal. The page's screenshot with the dropdown open is the README's.

mod support;

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use fantoccini::{Client, ClientBuilder, Locator};
use highstakes::serve::worker::start;
use highstakes::serve::{AppState, bind, router, serve_on};
use serde_json::{Value, json};
use support::{config, post, train_models};

const PROMPT: &str = "Mara and Tom argued in the kitchen.";
const COMPLETION: &str = "Mara stabbed Tom with a knife.";

/// chromedriver in a process group of its own, which is killed with the Chromium it
/// started when the test ends however it ends (a failed assertion included).
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // the group chromedriver leads (process_group(0): its pgid is its pid), never an
        // external `kill`: procps' reads `-KILL -16000` as kill(-1, SIGKILL), every process
        if let Ok(pgid) = libc::pid_t::try_from(self.0.id())
            && pgid > 1
        {
            // SAFETY: killpg only sends a signal; a group that is gone gives ESRCH
            unsafe {
                libc::killpg(pgid, libc::SIGKILL);
            }
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn program(env: &str, default: &str) -> PathBuf {
    let path = std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    let found = path.is_file()
        || std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(&path).is_file()));
    assert!(
        found,
        "{} not found: `. scripts/setup` installs Debian's chromium and chromium-driver \
         (or set {env})",
        path.display()
    );
    path
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts chromedriver and a headless Chromium session on it.
async fn browser() -> (Driver, Client) {
    let driver_path = program("HIGHSTAKES_CHROMEDRIVER", "chromedriver");
    let chromium = program("HIGHSTAKES_CHROMIUM", "/usr/bin/chromium");
    let port = free_port();
    let driver = Driver(
        Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver_path.display())),
    );
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1100,900"],
        }),
    );
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => return (driver, client),
            // chromedriver is still starting
            Err(_) if started.elapsed() < Duration::from_secs(30) => {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("no WebDriver session on {url} after 30 s: {e}"),
        }
    }
}

/// Runs `script` in the page until it returns something other than `null`/`false`.
async fn until(client: &Client, what: &str, script: &str) -> Value {
    let started = Instant::now();
    loop {
        let value = client.execute(script, vec![]).await.unwrap();
        if !value.is_null() && value != Value::Bool(false) {
            return value;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "waited 30 s for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Clicks what `selector` finds, finding it again while the page re-renders it (a click
/// on an element the page just replaced fails as stale; a loaded machine makes that
/// likelier), for up to 30 s.
async fn click(client: &Client, selector: &str) {
    let started = Instant::now();
    loop {
        let error = match client.find(Locator::Css(selector)).await {
            Ok(element) => match element.click().await {
                Ok(()) => return,
                Err(e) => e,
            },
            Err(e) => e,
        };
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "could not click {selector} for 30 s: {error}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Through the API (same models, so the same scores): the completion token whose best
/// suggestion lowers the score most, with the score before and after.
async fn best_click(app: &axum::Router) -> (Value, f64, f64) {
    let (status, state) = post(
        app,
        "/api/sessions",
        json!({"prompt": PROMPT, "completion": COMPLETION}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{state}");
    let before = state["score"].as_f64().unwrap();
    let uri = format!("/api/sessions/{}", state["id"].as_str().unwrap());
    let (_, map) = post(app, &uri, json!({"action": "saliency"}).to_string()).await;
    let mut best: Option<(Value, f64)> = None;
    for token in map["tokens"].as_array().unwrap() {
        if token["part"] != "completion" {
            continue;
        }
        let (_, list) = post(
            app,
            &uri,
            json!({"action": "candidates", "part": "completion",
                   "start": token["start"], "end": token["end"]})
            .to_string(),
        )
        .await;
        if let Some(top) = list.as_array().and_then(|l| l.first()) {
            let score = top["score"].as_f64().unwrap();
            if best.as_ref().is_none_or(|(_, s)| score < *s) {
                best = Some((token.clone(), score));
            }
        }
    }
    let (token, after) = best.expect("suggestions for the completion's tokens");
    (token, before, after)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_fools_the_classifier_in_headless_chromium() {
    tch::set_num_threads(1);
    let tmp = tempfile::tempdir().unwrap();
    let models = train_models(tmp.path());

    // the acceptance threshold halfway between the seed's score and the best suggestion's,
    // so that Submit starts disabled and one suggestion enables it
    let probe = router(AppState::new(
        start(config(&models, &tmp.path().join("probe.jsonl"), 1.0)).unwrap(),
        Some("tiny".into()),
    ));
    let (token, before, after) = best_click(&probe).await;
    assert!(
        before - after > 1e-3,
        "no suggestion lowers the score visibly: {before} → {after}"
    );
    let threshold = (before + after) / 2.0;

    let journal = tmp.path().join("submissions.jsonl");
    let app = router(AppState::new(
        start(config(&models, &journal, threshold)).unwrap(),
        Some("tiny".into()),
    ));
    let listener = bind("127.0.0.1:0".parse().unwrap(), false).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve_on(listener, app));

    let (_driver, client) = browser().await;
    let url = format!(
        "http://{addr}/?author=browser&prompt={}&completion={}",
        PROMPT.replace(' ', "%20"),
        COMPLETION.replace(' ', "%20")
    );
    client.goto(&url).await.unwrap();

    // the page names the classifier, shows the seed's score, Submit disabled
    until(
        &client,
        "the saliency-highlighted tokens",
        "return document.querySelectorAll('#tokens .tok').length > 0",
    )
    .await;
    let text = |id: &'static str| {
        let client = client.clone();
        async move {
            client
                .find(Locator::Id(id))
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    assert_eq!(text("classifier").await, "Attacking tiny");
    assert_eq!(text("score").await, format!("{before:.4}"));
    let submit = client.find(Locator::Id("submit")).await.unwrap();
    assert!(
        !submit.is_enabled().await.unwrap(),
        "Submit above the threshold"
    );

    // highlighted in yellow, the most salient token fully
    let alphas = client
        .execute(
            "return [...document.querySelectorAll('#tokens .tok')].map((t) => \
             { const m = t.style.background.match(/rgba?\\(255, 214, 0(?:, ([0-9.]+))?\\)/); \
               return m ? (m[1] === undefined ? 1 : Number(m[1])) : -1; })",
            vec![],
        )
        .await
        .unwrap();
    let alphas: Vec<f64> = alphas
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_f64().unwrap())
        .collect();
    assert!(alphas.iter().all(|a| (0.0..=1.0).contains(a)), "{alphas:?}");
    assert!(alphas.contains(&1.0), "{alphas:?}");

    // click the token, the dropdown opens sorted by score
    let selector = format!(
        "#tokens .tok[data-part='completion'][data-start='{}']",
        token["start"]
    );
    click(&client, &selector).await;
    let items = until(
        &client,
        "the dropdown",
        "const c = [...document.querySelectorAll('#dropdown .candidate')]; \
         return c.length && !document.getElementById('dropdown').classList.contains('hidden') \
           ? c.map((e) => e.textContent) : null",
    )
    .await;
    let scores: Vec<f64> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let s = s.as_str().unwrap();
            s.rsplit(' ').next().unwrap().parse().unwrap()
        })
        .collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{items}");
    assert_eq!(format!("{:.4}", scores[0]), format!("{after:.4}"));
    let png = client.screenshot().await.unwrap();
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rewriting_app.png");
    std::fs::write(&shot, &png).unwrap();
    if let Some(copy) = std::env::var_os("HIGHSTAKES_SCREENSHOT") {
        std::fs::write(copy, &png).unwrap();
    }

    // apply the best suggestion: the score falls under the threshold, Submit is enabled
    click(&client, "#dropdown .candidate").await;
    let shown = format!("{after:.4}");
    until(
        &client,
        "the new score",
        &format!(
            "return document.getElementById('score').textContent === '{shown}' \
             && !document.getElementById('submit').disabled"
        ),
    )
    .await;
    let edited = client
        .find(Locator::Id("completion"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    assert_ne!(edited, COMPLETION);

    // undo brings the seed back, Submit disabled again; redo by the dropdown. The tokens
    // on the page now are marked, so that the wait below sees the ones drawn after undo.
    client
        .execute(
            "document.querySelectorAll('#tokens .tok').forEach((e) => e.dataset.old = '1')",
            vec![],
        )
        .await
        .unwrap();
    client
        .find(Locator::Id("undo"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(
        &client,
        "the undone score",
        &format!(
            "return document.getElementById('score').textContent === '{before:.4}' \
             && document.getElementById('submit').disabled"
        ),
    )
    .await;
    until(
        &client,
        "the tokens again",
        "return document.querySelectorAll('#tokens .tok').length > 0 \
         && !document.querySelector('#tokens .tok[data-old]')",
    )
    .await;
    click(&client, &selector).await;
    until(
        &client,
        "the dropdown again",
        "return document.querySelectorAll('#dropdown .candidate').length > 0 \
         && !document.getElementById('dropdown').classList.contains('hidden')",
    )
    .await;
    click(&client, "#dropdown .candidate").await;
    until(
        &client,
        "Submit enabled",
        "return !document.getElementById('submit').disabled",
    )
    .await;

    // submit: the page asks to confirm the snippet is injurious; yes
    client
        .find(Locator::Id("submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let question = client.get_alert_text().await.unwrap();
    assert!(question.contains("injurious"), "{question}");
    client.accept_alert().await.unwrap();
    let message = until(
        &client,
        "the submission's message",
        "const m = document.getElementById('message').textContent; return m || null",
    )
    .await;

    // in the journal at once: the edited snippet, labeled injurious, by this author
    let lines: Vec<Value> = std::fs::read_to_string(&journal)
        .unwrap_or_else(|e| panic!("{}: {e} (page said {message})", journal.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{message}");
    let example = &lines[0]["example"];
    assert_eq!(example["completion"], edited.as_str());
    assert_eq!(example["prompt"], PROMPT);
    assert_eq!(example["label"], "injurious");
    assert_eq!(example["provenance"]["author"], "browser");
    assert!(!lines[0]["trace"]["events"].as_array().unwrap().is_empty());

    // free editing works too: typed words reach the session and its tokens
    client
        .find(Locator::Id("completion"))
        .await
        .unwrap()
        .send_keys(" Everyone laughed.")
        .await
        .unwrap();
    until(
        &client,
        "the typed words among the tokens",
        "return document.getElementById('tokens').textContent.includes('laugh')",
    )
    .await;

    client.close().await.unwrap();
}
