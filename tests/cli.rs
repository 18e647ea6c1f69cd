//! The `highstakes` binary end to end: real arguments, real files, its exit status.

use std::process::Command;

fn highstakes(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_highstakes"))
        .args(args)
        .output()
        .expect("the highstakes binary runs")
}

#[test]
fn rate_prints_the_papers_interval() {
    let out = highstakes(&["rate", "2", "2447"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    // scipy 1.17.1: beta.ppf([0.025, 0.975], 3, 2446) = [0.000253, 0.00295]
    assert!(text.contains("2/2447 = 0.082% [0.025%, 0.29%]"), "{text}");
}

#[test]
fn rate_rejects_impossible_counts_without_panicking() {
    let out = highstakes(&["rate", "5", "3"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error:") && !err.contains("panicked"),
        "{err}"
    );
    // at 314c2bf a prior of Beta(1e308, 1e308) printed the interval [0%, 0%] and exit 0;
    // priors are bounded by metrics::MAX_PRIOR = 1e6
    for prior in [
        ["1e308", "1e308"],
        ["1", "inf"],
        ["0", "1"],
        ["1", "2000000"],
    ] {
        let out = highstakes(&["rate", "3", "10", "--prior", prior[0], prior[1]]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{prior:?}: {err}");
        assert!(err.contains("prior needs 0 < a <= 1e6"), "{prior:?}: {err}");
    }
    let out = highstakes(&["rate", "3", "10", "--prior", "1e-300", "1e-300"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Beta(1e-300, 1e-300) posterior"), "{text}");
}

#[test]
fn summary_reads_datasets_and_names_a_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jsonl");
    std::fs::write(
        &good,
        concat!(
            r#"{"prompt":"a","completion":"He was stabbed.","label":"injurious","source":"tool_assisted","split":"train"}"#,
            "\n",
            r#"{"prompt":"a","completion":"They had tea.","label":"non_injurious","source":"tool_assisted","split":"train"}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = highstakes(&["summary", good.to_str().unwrap()]);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    // 1 injurious of 2 = 50%
    assert!(
        table.contains("| Tool-assisted rewrites | 2 (50%) | — | — |"),
        "{table}"
    );

    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"prompt\": 3}\n").unwrap();
    let out = highstakes(&["summary", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.jsonl:1:"), "{err}");
}

#[test]
fn generate_prints_json_with_the_token_ids() {
    let model = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/generator/tests/fixtures/gpt_neo_tiny_local"
    );
    let out = highstakes(&[
        "generate",
        "--model",
        model,
        "--prompt",
        "The knight rode.",
        "--prompt",
        "Hi.",
        "--greedy",
        "--max-new-tokens",
        "5",
        "--stop",
        "none",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["prompt"], "The knight rode.");
    for line in &lines {
        let ids = line["token_ids"].as_array().unwrap();
        // a 5-token budget with no sentence stop: 5 tokens, unless end-of-text came first
        assert!(
            (ids.len() == 5 && line["stop"] == "budget") || line["stop"] == "end_of_text",
            "{line}"
        );
    }
}

#[test]
fn generate_rejects_bad_checkpoints_and_settings_without_panicking() {
    let model = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/generator/tests/fixtures/gpt_neo_tiny_local"
    );
    for args in [
        vec!["generate", "--model", "/nonexistent/neo", "--prompt", "x"],
        vec![
            "generate", "--model", model, "--prompt", "x", "--top-p", "1.5",
        ],
        vec![
            "generate",
            "--model",
            model,
            "--prompt",
            "x",
            "--max-new-tokens",
            "1000",
        ],
    ] {
        let out = highstakes(&args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("error:") && !err.contains("panicked"),
            "{err}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_an_error_not_a_panic() {
    use std::process::Stdio;
    // the reader goes away before the command writes (libtorch alone takes longer to load)
    let mut child = Command::new(env!("CARGO_BIN_EXE_highstakes"))
        .args(["rate", "2", "10"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    // 128 + SIGPIPE (13): what a shell reports for a tool that a closed pipe ended
    assert_eq!(out.status.code(), Some(141), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let full = std::path::Path::new("/dev/full");
    if full.exists() {
        let out = Command::new(env!("CARGO_BIN_EXE_highstakes"))
            .args(["rate", "2", "10"])
            .stdout(std::fs::OpenOptions::new().write(true).open(full).unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("error: writing to standard output:") && !err.contains("panicked"),
            "{err}"
        );
    }
}

#[test]
fn threads_beyond_the_cpus_or_below_one_are_refused() {
    let out = highstakes(&["--threads", "50000", "rate", "2", "10"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: --threads 50000 is more than the ") && err.contains(" CPUs "),
        "{err}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_highstakes"))
        .args(["rate", "2", "10"])
        .env("HIGHSTAKES_THREADS", "0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("HIGHSTAKES_THREADS must be at least 1, got 0"),
        "{err}"
    );
    assert!(
        highstakes(&["--threads", "1", "rate", "2", "10"])
            .status
            .success()
    );
}

#[test]
fn one_file_for_two_roles_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let line = r#"{"prompt":"They ate.","completion":"Tom stabbed the guard."}"#;
    std::fs::write(&input, format!("{line}\n")).unwrap();
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let label = |journal: String, out: String| {
        highstakes(&[
            "label",
            "--input",
            &s(&input),
            "--labeler",
            "oracle",
            "--journal",
            &journal,
            "--out",
            &out,
        ])
    };
    // the journal as the input: judgements would be appended to the input
    let out = label(s(&input), s(&dir.path().join("out.jsonl")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("--input and --journal name the same file"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        format!("{line}\n")
    );
    // the journal as the output, spelled differently and not yet made
    let journal = dir.path().join("j.jsonl");
    let same = dir.path().join(".").join("j.jsonl");
    let out = label(s(&journal), s(&same));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("--journal and --out name the same file"),
        "{err}"
    );
    assert!(!journal.exists());
    // distinct files work
    let out = label(s(&journal), s(&dir.path().join("out.jsonl")));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `train-classifier --out` naming its own `--from` directory would replace the masked LM
/// it starts from with the classifier (at 314c2bf nothing stopped it); refused before
/// anything is read or written, through a symlink too.
#[test]
fn a_classifier_is_not_written_over_its_masked_lm() {
    let dir = tempfile::tempdir().unwrap();
    let mlm = dir.path().join("masked_lm");
    std::fs::create_dir(&mlm).unwrap();
    std::fs::write(mlm.join("config.json"), "{}").unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&mlm, &link).unwrap();
    let data = dir.path().join("train.jsonl");
    std::fs::write(&data, "").unwrap();
    for out in [&mlm, &link] {
        let output = highstakes(&[
            "train-classifier",
            "--from",
            mlm.to_str().unwrap(),
            "--train",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success() && err.contains("--from and --out name the same file"),
            "{err}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(mlm.join("config.json")).unwrap(),
        "{}"
    );
}
