//! The readers of outside data in this crate, fuzzed: datasets (strict and lenient) and
//! journals, each a valid file with random edits (`labels::fuzz`). Every case must give
//! records or an error naming the file, never a panic. Cases per reader:
//! `labels::fuzz::cases(300)` (HIGHSTAKES_FUZZ_CASES for a longer run).

use labels::fuzz::{cases, mutated};
use labels::{Dataset, Journal, JournalEntry, Judgement, Label, Snippet};
use proptest::prelude::*;

const DATASET: &str = concat!(
    r#"{"prompt":"They ate.","completion":"He was stabbed.","label":"injurious","source":"initial_stories","split":"train","judgements":[{"labeler":"oracle","label":"injurious"}]}"#,
    "\n",
    r#"{"prompt":"","completion":"They had tea.","label":"non_injurious","source":"tool_assisted","split":"test","provenance":{"author":"ana","score":0.01}}"#,
    "\n",
    r#"{"prompt":"A.","completion":"B?","label":"unsure","source":"paraphrase"}"#,
    "\n"
);

fn journal_bytes() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.jsonl");
    let mut journal = Journal::<JournalEntry>::open(&path).unwrap();
    for (key, label) in [("00aa", Label::Injurious), ("00bb", Label::NonInjurious)] {
        journal
            .append(&JournalEntry {
                key: key.into(),
                snippet: Snippet::new("They ate.", "He fell."),
                judgement: Judgement::new("oracle", label),
            })
            .unwrap();
    }
    std::fs::read(&path).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_dataset_reads_or_names_the_file(bytes in mutated(DATASET.as_bytes().to_vec())) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.jsonl");
        std::fs::write(&path, &bytes).unwrap();
        if let Err(e) = Dataset::read_jsonl(&path) {
            prop_assert!(e.to_string().contains("data.jsonl"), "{}", e);
        }
        match Dataset::read_jsonl_lenient(&path) {
            Ok((_, errors)) => {
                for e in errors {
                    prop_assert!(e.to_string().contains("data.jsonl"), "{}", e);
                }
            }
            Err(e) => prop_assert!(e.to_string().contains("data.jsonl"), "{}", e),
        }
    }

    #[test]
    fn a_mutated_journal_reads_or_names_the_file(bytes in mutated(journal_bytes())) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        std::fs::write(&path, &bytes).unwrap();
        if let Err(e) = Journal::<JournalEntry>::read(&path) {
            prop_assert!(e.to_string().contains("journal.jsonl"), "{}", e);
        }
    }
}
