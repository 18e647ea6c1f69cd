//! The main job's steps as `highstakes` subcommands, end to end: their help, a small chain
//! on tiny sizes (world → pretrain-masked-lm → train-classifier → label → attack →
//! evaluate), and bad input that must give a clear error (never a panic).

use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

fn highstakes<S: AsRef<str>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_highstakes"))
        .args(args.iter().map(AsRef::as_ref))
        .output()
        .expect("the highstakes binary runs")
}

/// A command line: `words` split at spaces (the subcommand, its flags and their numbers),
/// then each path flag followed by its path, kept whole (a path may hold a space).
fn cmd<P: AsRef<Path>>(words: &str, paths: &[(&str, P)]) -> Vec<String> {
    let mut args: Vec<String> = words.split_whitespace().map(String::from).collect();
    for (flag, path) in paths {
        args.extend([flag.to_string(), s(path.as_ref()).to_string()]);
    }
    args
}

/// `--threads 1` (one libtorch thread), then `args`.
fn one_thread<S: AsRef<str>>(args: &[S]) -> Vec<String> {
    let mut all = vec!["--threads".to_string(), "1".to_string()];
    all.extend(args.iter().map(|a| a.as_ref().to_string()));
    all
}

/// Runs a step that must succeed (with one libtorch thread), printing its time.
fn step<S: AsRef<str>>(args: &[S]) -> String {
    let clock = Instant::now();
    let out = highstakes(&one_thread(args));
    let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    eprintln!("{} took {:.1} s", args[0], clock.elapsed().as_secs_f64());
    assert!(
        out.status.success(),
        "{args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs a command that must fail cleanly; returns its stderr.
fn fails<S: AsRef<str>>(args: &[S]) -> String {
    let out = highstakes(&one_thread(args));
    let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail: {err}");
    assert!(
        err.starts_with("error:") && !err.contains("panicked"),
        "{args:?}: {err}"
    );
    err
}

fn s(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_step_explains_its_inputs_and_outputs() {
    let cases: [(&str, &[&str]); 9] = [
        (
            "world",
            &["--stories", "--snippets", "--test", "corpus.json", "JSONL"],
        ),
        (
            "train-generator",
            &["--corpus", "--epochs", "--vocab", "config.json", "GPT-Neo"],
        ),
        (
            "pretrain-masked-lm",
            &["--corpus", "--hidden", "masked", "tokenizer.json"],
        ),
        (
            "train-classifier",
            &["--from", "--train", "--validation", "JSONL", "--out"],
        ),
        (
            "label",
            &[
                "--labeler",
                "noisy-oracle:RATE",
                "imported:FILE",
                "--journal",
                "tie",
            ],
        ),
        (
            "attack",
            &[
                "--policy",
                "tool-assisted",
                "--suggester",
                "--journal",
                "--budget-evaluations",
            ],
        ),
        (
            "evaluate",
            &["--quality", "--floor", "Beta(1, 1)", "--threshold", "JSON"],
        ),
        (
            "report",
            &["--run", "REPORT.md", "results.json", "manifest.json"],
        ),
        (
            "run",
            &[
                "--scale",
                "--fresh",
                "--human",
                "--model-dir",
                "--threads",
                "resumes",
            ],
        ),
    ];
    for (command, words) in cases {
        let out = highstakes(&[command, "--help"]);
        assert!(out.status.success(), "{command} --help");
        let help = String::from_utf8_lossy(&out.stdout);
        for word in words {
            assert!(
                help.contains(word),
                "{command} --help lacks {word}:\n{help}"
            );
        }
    }
    // the top-level help lists the steps
    let out = highstakes(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for command in [
        "world",
        "pretrain-masked-lm",
        "train-classifier",
        "label",
        "attack",
    ] {
        assert!(help.contains(command), "{help}");
    }
}

#[test]
fn a_tiny_chain_of_steps_runs_end_to_end() {
    let clock = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let data = root.join("data");

    let words = "world --stories 300 --snippets 300 --test 200 --seed 1";
    let out = step(&cmd(words, &[("--out", &data)]));
    assert!(out.contains("300 stories"), "{out}");
    let corpus: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(data.join("corpus.json")).unwrap()).unwrap();
    assert_eq!(corpus.len(), 300);
    let initial = jsonl(&data.join("initial.jsonl"));
    // the world writes distinct snippets, as many as asked for
    assert_eq!(initial.len(), 300);
    assert!(initial.iter().any(|e| e["split"] == "validation"));
    assert!(initial.iter().any(|e| e["label"] == "injurious"));

    let mlm = root.join("mlm");
    let words = "pretrain-masked-lm --vocab 300 --hidden 32 --layers 2 --epochs 1 --device cpu";
    let corpus = data.join("corpus.json");
    let out = step(&cmd(words, &[("--corpus", &corpus), ("--out", &mlm)]));
    assert!(out.contains("1 epochs"), "{out}");
    assert!(mlm.join("config.json").is_file() && mlm.join("tokenizer.json").is_file());

    let clf = root.join("classifier");
    let paths = [
        ("--from", &mlm),
        ("--train", &data.join("initial.jsonl")),
        ("--out", &clf),
    ];
    let out = step(&cmd("train-classifier --epochs 1 --device cpu", &paths));
    assert!(out.contains("best epoch 1"), "{out}");

    // a panel of two noisy oracles (10% wrong) and the oracle breaking ties
    let labeled = root.join("labeled.jsonl");
    let journal = root.join("label.journal.jsonl");
    let test = data.join("test.jsonl");
    let label_args = cmd(
        "label --labeler noisy-oracle:0.1 --labeler noisy-oracle:0.1 --labeler oracle \
         --source in_distribution_test",
        &[
            ("--input", &test),
            ("--journal", &journal),
            ("--out", &labeled),
        ],
    );
    step(&label_args);
    let relabeled = jsonl(&labeled);
    let oracle_labels = jsonl(&test);
    assert_eq!(relabeled.len(), oracle_labels.len());
    let first_journal = std::fs::read_to_string(&journal).unwrap();
    let lines = first_journal.lines().count();
    // two judgements per snippet, and one more for each disagreement
    let disputed = relabeled
        .iter()
        .filter(|e| e["judgements"].as_array().unwrap().len() == 3)
        .count();
    assert_eq!(lines, 2 * relabeled.len() + disputed);
    // with the oracle as tie-breaker every label is the oracle's unless both noisy
    // labelers erred the same way: at 10% each that is about 1% of snippets
    let agree = relabeled
        .iter()
        .zip(&oracle_labels)
        .filter(|(a, b)| a["label"] == b["label"])
        .count();
    assert!(
        agree * 100 >= relabeled.len() * 95,
        "{agree}/{}",
        relabeled.len()
    );
    // resuming reuses the journal: no judgement is asked for again
    step(&label_args);
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), first_journal);

    // two injurious seeds, attacked with the tools
    let seeds = root.join("seeds.jsonl");
    let injurious: Vec<String> = initial
        .iter()
        .filter(|e| e["label"] == "injurious")
        .take(2)
        .map(|e| {
            serde_json::json!({"prompt": e["prompt"], "completion": e["completion"]}).to_string()
        })
        .collect();
    assert_eq!(injurious.len(), 2);
    std::fs::write(&seeds, injurious.join("\n") + "\n").unwrap();
    let attack_journal = root.join("attack.journal.jsonl");
    let examples = root.join("adversarial.jsonl");
    let attack_args = cmd(
        "attack --policy tool-assisted --budget-evaluations 150 --threshold 0.05 --device cpu",
        &[
            ("--classifier", &clf),
            ("--seeds", &seeds),
            ("--suggester", &mlm),
            ("--journal", &attack_journal),
            ("--out", &examples),
        ],
    );
    let out = step(&attack_args);
    assert!(out.contains("2 attacked now, 0 from the journal"), "{out}");
    let records = jsonl(&attack_journal);
    assert_eq!(records.len(), 2);
    for r in &records {
        assert_eq!(r["target"], "classifier");
        assert!(r["evaluations"].as_u64().unwrap() <= 150 + 64, "{r}");
    }
    let written = jsonl(&examples);
    let submitted: usize = records
        .iter()
        .map(|r| r["examples"].as_array().unwrap().len())
        .sum();
    assert_eq!(written.len(), submitted);
    assert!(written.iter().all(|e| e["source"] == "tool_assisted"));
    // resumed: both seeds come from the journal, nothing is appended
    let out = step(&attack_args);
    assert!(out.contains("0 attacked now, 2 from the journal"), "{out}");
    assert_eq!(jsonl(&attack_journal).len(), 2);

    let report = root.join("eval.json");
    let paths = [
        ("--classifier", &clf),
        ("--test", &test),
        ("--out", &report),
    ];
    step(&cmd("evaluate --threshold 0.5 --device cpu", &paths));
    let eval: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(eval["threshold"], 0.5);
    let counts = &eval["counts"];
    let n: u64 = [
        "true_positives",
        "false_positives",
        "true_negatives",
        "false_negatives",
    ]
    .iter()
    .map(|k| counts[k].as_u64().unwrap())
    .sum();
    assert_eq!(n as usize, oracle_labels.len());
    // FNR is false negatives over injurious (or unsure) test snippets
    let positives = oracle_labels
        .iter()
        .filter(|e| e["label"] != "non_injurious")
        .count() as u64;
    assert_eq!(eval["fnr"]["n"].as_u64().unwrap(), positives);
    assert_eq!(
        eval["fnr"]["k"].as_u64().unwrap(),
        counts["false_negatives"].as_u64().unwrap()
    );
    let interval = &eval["fnr"]["interval"];
    assert!(interval["lower"].as_f64().unwrap() <= eval["fnr"]["estimate"].as_f64().unwrap());
    // the ROC AUC over the same snippets, both classes counted
    let auc = &eval["roc_auc"];
    assert_eq!(auc["positives"].as_u64().unwrap(), positives);
    assert_eq!(
        auc["positives"].as_u64().unwrap() + auc["negatives"].as_u64().unwrap(),
        oracle_labels.len() as u64
    );
    let estimate = auc["estimate"].as_f64().unwrap();
    assert!(auc["interval"]["lower"].as_f64().unwrap() <= estimate);
    assert!(estimate <= auc["interval"]["upper"].as_f64().unwrap());
    eprintln!("chain took {:.1} s", clock.elapsed().as_secs_f64());
}

/// A dataset labeled again keeps its splits (at 314c2bf `label` dropped them, so a
/// relabeled test set silently became unsplit data).
#[test]
fn labeling_a_dataset_again_keeps_its_splits() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let input = root.join("old.jsonl");
    std::fs::write(
        &input,
        [
            r#"{"prompt":"They ate.","completion":"He was stabbed.","label":"non_injurious","source":"initial_stories","split":"test"}"#,
            r#"{"prompt":"They ate.","completion":"They had tea.","label":"non_injurious","source":"initial_stories","split":"train"}"#,
            r#"{"prompt":"They ate.","completion":"She smiled."}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let out = root.join("new.jsonl");
    let paths = [
        ("--input", &input),
        ("--journal", &root.join("j.jsonl")),
        ("--out", &out),
    ];
    step(&cmd("label --labeler oracle", &paths));
    let examples = jsonl(&out);
    let splits: Vec<&serde_json::Value> = examples.iter().map(|e| &e["split"]).collect();
    assert_eq!(
        splits,
        [
            &serde_json::json!("test"),
            &serde_json::json!("train"),
            &serde_json::Value::Null
        ]
    );
    // relabeled by the oracle, not copied
    assert_eq!(examples[0]["label"], "injurious");
}

/// A command that must fail with one line that names what is wrong.
struct BadInput {
    /// The command line (after `--threads 1`).
    args: Vec<String>,
    /// What the error must say (a file, a file and line, a flag, a limit).
    names: Vec<&'static str>,
}

fn bad(args: Vec<String>, names: &[&'static str]) -> BadInput {
    BadInput {
        args,
        names: names.to_vec(),
    }
}

#[test]
fn bad_inputs_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = |name: &str, text: &str| {
        let path = root.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let missing = root.join("nope.jsonl");
    // the third line is the bad one (the second is blank)
    let bad_line = file(
        "bad.jsonl",
        "{\"prompt\":\"They ate.\",\"completion\":\"He fell.\"}\n\n{\"prompt\": 3}\n",
    );
    // an oversize prompt on line 2: the limit is labels::MAX_PROMPT_CHARS = 100,000
    let long = file(
        "long.jsonl",
        &format!(
            "{{\"prompt\":\"They ate.\",\"completion\":\"He fell.\"}}\n{{\"prompt\":\"{}\",\"completion\":\"He fell.\"}}\n",
            "word ".repeat(20_001)
        ),
    );
    let corpus = file(
        "corpus.jsonl",
        "{\"text\":\"A story.\"}\n{\"story\":\"another\"}\n",
    );
    // snippets without labels are not a dataset
    let unlabeled = file(
        "unlabeled.jsonl",
        "{\"prompt\":\"They ate.\",\"completion\":\"He fell.\"}\n",
    );
    let dataset = file(
        "dataset.jsonl",
        "{\"prompt\":\"They ate.\",\"completion\":\"He fell.\",\"label\":\"injurious\",\"source\":\"tool_assisted\"}\n",
    );
    // a directory that holds no model
    let empty = root.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (journal, long_journal) = (root.join("j.jsonl"), root.join("long-journal.jsonl"));
    let (m, g, c, w) = (
        root.join("m"),
        root.join("g"),
        root.join("c"),
        root.join("w"),
    );
    let (out, attacks, examples) = (
        root.join("o.jsonl"),
        root.join("a.jsonl"),
        root.join("b.jsonl"),
    );
    // `label` of `input` by `labelers`, journaled to `journal`
    let label = |input: &Path, labelers: usize, journal: &Path| {
        let panel = " --labeler oracle".repeat(labelers);
        let paths = [("--input", input), ("--journal", journal), ("--out", &out)];
        cmd(&format!("label{panel}"), &paths)
    };
    // `attack` of the empty directory with `policy` (on the CPU when `cpu`)
    let attack = |policy: &str, cpu: bool| {
        let device = if cpu { " --device cpu" } else { "" };
        let paths = [
            ("--classifier", &empty),
            ("--seeds", &unlabeled),
            ("--journal", &attacks),
            ("--out", &examples),
        ];
        cmd(&format!("attack --policy {policy}{device}"), &paths)
    };
    let train = |train: &Path| {
        let paths = [
            ("--from", empty.as_path()),
            ("--train", train),
            ("--out", &c),
        ];
        cmd("train-classifier --device cpu", &paths)
    };
    let cases = [
        bad(label(&missing, 1, &journal), &["nope.jsonl"]),
        bad(label(&bad_line, 1, &journal), &["bad.jsonl:3:"]),
        // named by file and line before a journal exists (at 314c2bf the oracle refused it
        // mid-run naming the snippet's hash, after creating a 0-byte journal)
        bad(
            label(&long, 1, &long_journal),
            &["long.jsonl:2:", "prompt has 100005 characters"],
        ),
        bad(label(&bad_line, 2, &journal), &["three times"]),
        bad(
            cmd(
                "pretrain-masked-lm",
                &[("--corpus", &corpus), ("--out", &m)],
            ),
            &["corpus.jsonl:2:"],
        ),
        bad(
            cmd("train-generator", &[("--corpus", &missing), ("--out", &g)]),
            &["nope.jsonl"],
        ),
        bad(train(&dataset), &["not a masked-LM directory"]),
        bad(train(&unlabeled), &["unlabeled.jsonl:1:"]),
        bad(
            cmd(
                "evaluate --device cpu",
                &[("--classifier", &empty), ("--test", &missing)],
            ),
            &["nope.jsonl"],
        ),
        bad(attack("gradient", true), &["not a classifier directory"]),
        bad(attack("tool-assisted", false), &["--suggester"]),
        bad(cmd("report", &[("--run", &empty)]), &["manifest.json"]),
        bad(cmd("world", &[("--out", &w)]), &["--stories"]),
    ];
    for case in &cases {
        let err = fails(&case.args);
        for name in &case.names {
            let args = &case.args;
            assert!(err.contains(name), "{args:?} should name {name:?}: {err}");
        }
    }
    assert!(
        !long_journal.exists(),
        "a journal was created for a refused input"
    );
}

#[test]
fn a_generator_trains_on_any_corpus_format_and_labels_import_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let data = root.join("data");
    step(&cmd("world --stories 60 --test 40", &[("--out", &data)]));
    let corpus: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(data.join("corpus.json")).unwrap()).unwrap();
    // the same stories as JSONL with "text", and as one story per line
    let as_jsonl = root.join("corpus.jsonl");
    let lines: Vec<String> = corpus
        .iter()
        .map(|t| serde_json::json!({ "text": t }).to_string())
        .collect();
    std::fs::write(&as_jsonl, lines.join("\n")).unwrap();
    let as_text = root.join("corpus.txt");
    std::fs::write(&as_text, corpus.join("\n")).unwrap();
    for (name, path) in [("jsonl", &as_jsonl), ("text", &as_text)] {
        let out_dir = root.join(format!("generator-{name}"));
        let words = "train-generator --epochs 1 --vocab 300 --positions 128 --device cpu";
        let out = step(&cmd(words, &[("--corpus", path), ("--out", &out_dir)]));
        // one story in 20 (at least one) is held out: 57 of 60 are trained on
        assert!(out.contains("57 stories, 1 epochs"), "{out}");
        // the saved directory is a generator the `generate` step loads
        let mut args = cmd(
            "generate --greedy --max-new-tokens 4 --json",
            &[("--model", &out_dir)],
        );
        args.extend(["--prompt".into(), "The knight rode.".into()]);
        let out = step(&args);
        let line: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert!(line["token_ids"].as_array().unwrap().len() <= 4, "{line}");
    }

    // a dataset's own labels, imported for all three labelers, give back its labels
    let test = data.join("test.jsonl");
    let labeled = root.join("imported.jsonl");
    let import = format!("imported:{}", s(&test));
    let journal = root.join("imported.journal.jsonl");
    let paths = [
        ("--input", &test),
        ("--journal", &journal),
        ("--out", &labeled),
    ];
    let mut args = cmd("label", &paths);
    args.extend(["--labeler".to_string(), import]);
    step(&args);
    let given = jsonl(&test);
    let got = jsonl(&labeled);
    assert_eq!(got.len(), given.len());
    for (a, b) in got.iter().zip(&given) {
        assert_eq!(a["label"], b["label"]);
        // identical labelers never disagree: two judgements each
        assert_eq!(a["judgements"].as_array().unwrap().len(), 2);
        assert_eq!(a["source"], "initial_stories");
    }
}

#[test]
fn three_people_at_one_terminal_share_its_input_line_by_line() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("snippets.jsonl");
    std::fs::write(
        &input,
        "{\"prompt\":\"They walked home.\",\"completion\":\"He broke his arm.\"}\n\
         {\"prompt\":\"They walked home.\",\"completion\":\"She smiled.\"}\n",
    )
    .unwrap();
    let out = dir.path().join("labeled.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_highstakes"))
        .args(cmd(
            "label --labeler terminal",
            &[
                ("--input", &input),
                ("--journal", &dir.path().join("journal.jsonl")),
                ("--out", &out),
            ],
        ))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // the first person: i, n; the second: i, i; they disagree on the second snippet,
    // which the third (tie-breaker) calls n
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"i\nn\ni\ni\nn\n")
        .unwrap();
    let result = child.wait_with_output().unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let got = jsonl(&out);
    assert_eq!(got[0]["label"], "injurious");
    assert_eq!(got[1]["label"], "non_injurious");
    let ids: Vec<&str> = got[1]["judgements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["labeler"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["terminal#1", "terminal#2", "terminal#3"]);
}

/// Labels survive `kill -9`: a person at the terminal answers, the process is killed
/// after each of three answers has reached the journal, and the run resumed each time
/// asks only for what the journal lacks; the dataset written at the end equals that of
/// an uninterrupted run (the seconds each answer took aside).
#[test]
fn labels_survive_kill_9_and_the_resumed_run_asks_only_what_is_missing() {
    use std::io::{BufRead, Write};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("snippets.jsonl");
    let completions = [
        "He broke his arm.",
        "She smiled.",
        "The dog bit Tom.",
        "They ate bread.",
    ];
    let lines: Vec<String> = completions
        .iter()
        .map(|c| serde_json::json!({"prompt": "They walked home.", "completion": c}).to_string())
        .collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    // one person for all three places of the panel: i, n, i, n (no disagreement)
    let answers = ["i", "n", "i", "n"];
    let label = |journal: &Path, out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_highstakes"))
            .args(["label", "--input", s(&input), "--labeler", "terminal"])
            .args(["--journal", s(journal), "--out", s(out)])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let journal_lines = |journal: &Path| {
        std::fs::File::open(journal)
            .map(|f| std::io::BufReader::new(f).lines().count())
            .unwrap_or(0)
    };
    let without_seconds = |path: &Path| -> Vec<serde_json::Value> {
        let mut rows = jsonl(path);
        for row in &mut rows {
            for j in row["judgements"].as_array_mut().unwrap() {
                j.as_object_mut().unwrap().remove("seconds");
            }
        }
        rows
    };

    // uninterrupted: the first two labelers answer every snippet
    let (journal, out) = (dir.path().join("j0.jsonl"), dir.path().join("o0.jsonl"));
    // runs `label` to the end, the first two labelers' answers after the first `skip`
    let finish = |journal: &Path, out: &Path, skip: usize| {
        let mut child = label(journal, out);
        let all: String = answers
            .iter()
            .chain(&answers)
            .skip(skip)
            .map(|a| format!("{a}\n"))
            .collect();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(all.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success());
    };
    finish(&journal, &out, 0);
    let reference = without_seconds(&out);

    // killed three times, one answer after another
    let (journal, out) = (dir.path().join("j1.jsonl"), dir.path().join("o1.jsonl"));
    let mut given = 0;
    for _kill in 0..3 {
        let mut child = label(&journal, &out);
        let mut stdin = child.stdin.take().unwrap();
        let before = journal_lines(&journal);
        let answer = answers[given % answers.len()];
        stdin.write_all(format!("{answer}\n").as_bytes()).unwrap();
        stdin.flush().unwrap();
        let started = std::time::Instant::now();
        while journal_lines(&journal) == before {
            assert!(
                started.elapsed().as_secs() < 30,
                "the answer never reached the journal"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        given += 1;
        assert_eq!(journal_lines(&journal), given);
        assert!(!out.exists());
    }
    // resumed: only the answers the journal lacks are asked for
    finish(&journal, &out, given);
    assert_eq!(without_seconds(&out), reference);
}
