//! `highstakes score` end to end on a tiny classifier saved by the classifier crate.

use std::process::Command;

use classifier::{
    BatchOptions, DebertaConfig, DebertaForSequenceClassification, InjuriousnessClassifier,
    ModelInput, TextTokenizer, TokenizerKind,
};
use tch::Device;

/// A tiny random-init two-class classifier with a tokenizer trained on three sentences,
/// saved in the Hugging Face layout at `dir`.
fn tiny_classifier(dir: &std::path::Path, seed: u64) -> InjuriousnessClassifier {
    let corpus: Vec<String> = [
        "The knight drew his sword.",
        "She smiled at the baker.",
        "He was stabbed.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let tokenizer = TextTokenizer::train(&corpus, 60, TokenizerKind::Unigram).unwrap();
    let mut config = DebertaConfig::small_v3(tokenizer.vocab_size() as i64, 32, 2, 4, 64);
    config.id2label = vec!["non-injurious".into(), "injurious".into()];
    let model = DebertaForSequenceClassification::new(config, seed, Device::Cpu).unwrap();
    let classifier = InjuriousnessClassifier::new(model, tokenizer).unwrap();
    classifier.save(dir).unwrap();
    classifier
}

#[test]
fn score_prints_one_json_line_per_input_matching_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let model_dir = dir.path().join("model");
    let classifier = tiny_classifier(&model_dir, 7);

    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"prompt\":\"The knight drew his sword.\",\"completion\":\"He was stabbed.\"}\n{\"text\":\"She smiled.\"}\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_highstakes"))
        .args([
            "score",
            "--model",
            model_dir.to_str().unwrap(),
            "--input",
            input.to_str().unwrap(),
            "--device",
            "cpu",
        ])
        .output()
        .unwrap();
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
    // the expected scores come from the library itself, on the same saved model
    let expected = classifier
        .score_batch(
            &[
                ModelInput::snippet("The knight drew his sword.", "He was stabbed."),
                ModelInput::text("She smiled."),
            ],
            &BatchOptions::default(),
        )
        .unwrap();
    for (line, score) in lines.iter().zip(&expected) {
        let p = line["p_injurious"].as_f64().unwrap();
        assert!(
            (p - score.p_injurious).abs() < 1e-5,
            "{p} vs {}",
            score.p_injurious
        );
    }
}

#[test]
fn score_names_the_bad_line_and_the_missing_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_highstakes"))
        .args([
            "score",
            "--model",
            dir.path().join("nowhere").to_str().unwrap(),
            "--input",
            "-",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nowhere") && !err.contains("panicked"),
        "{err}"
    );
}

/// Oversize inputs are refused with the file and line: at 314c2bf one 5 MB line used
/// 961 MB and 4.7 s. The limits are a snippet's (labels::MAX_PROMPT_CHARS = 100,000,
/// labels::MAX_COMPLETION_CHARS = 10,000) and a 2 MiB line.
#[test]
fn score_refuses_oversize_inputs_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let model_dir = dir.path().join("model");
    tiny_classifier(&model_dir, 7);
    let ok = "{\"prompt\":\"The knight drew his sword.\",\"completion\":\"He was stabbed.\"}\n";
    let cases = [
        (
            format!("{{\"text\":\"{}\"}}\n", "a ".repeat(2_500_000)),
            "is longer than 2097152 bytes",
        ),
        (
            format!(
                "{{\"prompt\":\"A.\",\"completion\":\"{}\"}}\n",
                "b".repeat(10_001)
            ),
            "completion has 10001 characters",
        ),
        (
            format!(
                "{{\"prompt\":\"{}\",\"completion\":\"C.\"}}\n",
                "p".repeat(100_001)
            ),
            "prompt has 100001 characters",
        ),
        (
            format!("{{\"text\":\"{}\"}}\n", "t".repeat(110_001)),
            "text has 110001 characters",
        ),
    ];
    for (line, wanted) in cases {
        let input = dir.path().join("in.jsonl");
        std::fs::write(&input, format!("{ok}\n{line}")).unwrap();
        let started = std::time::Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_highstakes"))
            .args(["score", "--model", model_dir.to_str().unwrap()])
            .args(["--input", input.to_str().unwrap(), "--device", "cpu"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{wanted}: {err}");
        assert!(
            err.contains("in.jsonl:3:") && err.contains(wanted) && !err.contains("panicked"),
            "{wanted}: {err}"
        );
        assert!(
            started.elapsed().as_secs() < 20,
            "{wanted}: {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn generate_with_a_filter_accepts_or_says_nothing_passed() {
    let dir = tempfile::tempdir().unwrap();
    let filter_dir = dir.path().join("filter");
    tiny_classifier(&filter_dir, 3);
    let generator = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/generator/tests/fixtures/gpt_neo_tiny_local"
    );
    let run = |threshold: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_highstakes"))
            .args([
                "generate",
                "--model",
                generator,
                "--prompt",
                "The knight rode.",
                "--max-new-tokens",
                "6",
                "--stop",
                "none",
                "--seed",
                "1",
                "--json",
                "--filter",
                filter_dir.to_str().unwrap(),
                "--threshold",
                threshold,
                "--max-attempts",
                "5",
                "--device",
                "cpu",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line: serde_json::Value =
            serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap())
                .unwrap();
        line
    };
    // a random-init two-class head gives P(injurious) strictly inside (0, 1), so at
    // threshold 1 the first candidate passes
    assert_eq!(run("1")["outcome"], "accepted");
    // ...and no candidate scores under 1e-9: nothing passes, and the run says so
    let refused = run("1e-9");
    assert_eq!(refused["outcome"], "nothing_passed", "{refused}");
}
