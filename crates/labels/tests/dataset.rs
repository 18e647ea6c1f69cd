//! Dataset behaviour: JSONL round trips, malformed input, stable splits, de-duplication,
//! up-sampling and the Table 1 summary.

use labels::{
    Dataset, Example, Label, LabelsError, Provenance, Snippet, Source, Split, SplitFractions,
    UnsurePolicy, Upsampling,
};
use proptest::prelude::*;

fn example(i: usize, label: Label, source: Source) -> Example {
    Example::new(
        Snippet::new(format!("Prompt number {i}."), format!("Completion {i}.")),
        label,
        source,
    )
}

#[test]
fn jsonl_round_trip_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.jsonl");
    let mut data = Dataset::default();
    let mut e = example(1, Label::Unsure, Source::ToolAssisted);
    e.provenance = Provenance {
        attacked_classifier: Some("baseline".into()),
        score_at_submission: Some(0.031),
        author: Some("policy:greedy".into()),
        seconds: Some(12.5),
        queries: Some(140),
        parent: Some("00ff".into()),
        egregiousness: Some(7),
        retracted: false,
    };
    e.split = Some(Split::Validation);
    data.push(e);
    data.push(example(
        2,
        Label::NonInjurious,
        Source::Custom("red team".into()),
    ));
    data.write_jsonl(&path).unwrap();
    let back = Dataset::read_jsonl(&path).unwrap();
    assert_eq!(back, data);
    let text = std::fs::read_to_string(&path).unwrap();
    // the documented layout: snippet fields at the top level
    assert!(text.lines().next().unwrap().starts_with("{\"prompt\":"));
}

#[test]
fn a_malformed_line_names_file_and_line_and_loses_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.jsonl");
    let good =
        serde_json::to_string(&example(1, Label::Injurious, Source::InitialStories)).unwrap();
    let missing_label = r#"{"prompt":"a","completion":"b","source":"paraphrase"}"#;
    std::fs::write(&path, format!("{good}\n{missing_label}\n{good}\n")).unwrap();
    let err = Dataset::read_jsonl(&path).unwrap_err();
    match &err {
        LabelsError::MalformedLine { line, .. } => assert_eq!(*line, 2),
        other => panic!("expected a malformed line, got {other:?}"),
    }
    assert!(err.to_string().contains("broken.jsonl:2:"), "{err}");
    let (data, errors) = Dataset::read_jsonl_lenient(&path).unwrap();
    assert_eq!(data.len(), 2);
    assert_eq!(errors.len(), 1);
}

#[test]
fn an_empty_completion_is_rejected_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.jsonl");
    let line = r#"{"prompt":"a","completion":"  ","label":"injurious","source":"paraphrase"}"#;
    std::fs::write(&path, format!("\n{line}\n")).unwrap(); // a blank first line
    let err = Dataset::read_jsonl(&path).unwrap_err().to_string();
    assert!(
        err.contains("empty.jsonl:2:") && err.contains("empty completion"),
        "{err}"
    );
}

#[test]
fn duplicates_are_removed_and_conflicts_reported() {
    let mut data = Dataset::default();
    data.push(example(1, Label::Injurious, Source::InitialStories));
    data.push(example(2, Label::NonInjurious, Source::InitialStories));
    let mut dup = example(1, Label::NonInjurious, Source::Paraphrase);
    dup.snippet.prompt = "Prompt   number 1. ".into();
    data.push(dup);
    let report = data.dedup();
    assert_eq!(report.removed, 1);
    assert_eq!(report.conflicting.len(), 1);
    assert_eq!(data.len(), 2);
    assert_eq!(data.examples()[0].label, Label::Injurious);
}

#[test]
fn upsampling_follows_the_class_ratio_up_to_the_cap() {
    // 2 injurious, 1 unsure (injurious by the default policy), 20 non-injurious:
    // ratio 20/3 = 6.67 → capped at 5 copies (the paper's cap)
    let mut data = Dataset::default();
    for i in 0..2 {
        data.push(example(i, Label::Injurious, Source::InitialStories));
    }
    data.push(example(2, Label::Unsure, Source::InitialStories));
    for i in 3..23 {
        data.push(example(i, Label::NonInjurious, Source::InitialStories));
    }
    let mut retracted = example(99, Label::Injurious, Source::ManualAdversarial);
    retracted.provenance.retracted = true;
    data.push(retracted);
    let t = data.training_examples(UnsurePolicy::AsInjurious, Upsampling::PAPER);
    assert_eq!(t.iter().filter(|t| t.injurious).count(), 15);
    assert_eq!(t.iter().filter(|t| !t.injurious).count(), 20);
    // excluding unsure: ratio 20/2 = 10 → 5 copies of 2
    let t = data.training_examples(UnsurePolicy::Exclude, Upsampling::PAPER);
    assert_eq!(t.len(), 10 + 20);
    // no up-sampling
    let t = data.training_examples(UnsurePolicy::AsInjurious, Upsampling { max_factor: 1 });
    assert_eq!(t.len(), 23);
    // ratio 4/3 rounds to 1: no copies
    assert_eq!(Upsampling::PAPER.factor(3, 4), 1);
    assert_eq!(Upsampling::PAPER.factor(0, 4), 1);
    assert_eq!(Upsampling::PAPER.factor(10, 25), 3); // 2.5 rounds away from zero
}

#[test]
fn summary_counts_per_source_and_split() {
    let mut data = Dataset::default();
    for i in 0..10 {
        let label = if i < 1 {
            Label::Injurious
        } else {
            Label::NonInjurious
        };
        let mut e = example(i, label, Source::InitialStories);
        e.split = Some(if i < 9 {
            Split::Train
        } else {
            Split::Validation
        });
        data.push(e);
    }
    let mut e = example(50, Label::Unsure, Source::ToolAssisted);
    e.split = Some(Split::Test);
    data.push(e);
    let summary = data.summary(UnsurePolicy::AsInjurious);
    assert_eq!(summary.rows.len(), 2);
    let table = summary.to_markdown();
    // 1 injurious of 9 train examples = 11.1% → "11%"; 0 of 1 validation = 0%
    assert!(
        table.contains("| Initial story dataset | 9 (11%) | 1 (0%) | — |"),
        "{table}"
    );
    assert!(
        table.contains("| Tool-assisted rewrites | — | — | 1 (100%) |"),
        "{table}"
    );
}

#[test]
fn invalid_fractions_are_an_error() {
    let mut data = Dataset::default();
    let bad = SplitFractions {
        train: 0.9,
        validation: 0.2,
        test: 0.0,
    };
    assert!(matches!(
        data.assign_splits(bad, 0),
        Err(LabelsError::Setting(_))
    ));
}

proptest! {
    #[test]
    fn splits_depend_only_on_the_text(
        texts in proptest::collection::vec("[a-z ]{1,30}", 1..40),
        seed in any::<u64>(),
    ) {
        let f = SplitFractions::default();
        let mut data: Dataset = texts
            .iter()
            .map(|t| Example::new(Snippet::new("p", t.clone()), Label::NonInjurious, Source::InitialStories))
            .collect();
        data.assign_splits(f, seed).unwrap();
        // same split as computed alone, and reversing the dataset changes nothing
        let mut reversed: Dataset = data.examples().iter().rev().cloned().map(|mut e| { e.split = None; e }).collect();
        reversed.assign_splits(f, seed).unwrap();
        for e in data.examples() {
            prop_assert_eq!(e.split, Some(f.split_of(&e.snippet, seed)));
        }
        for (a, b) in data.examples().iter().zip(reversed.examples().iter().rev()) {
            prop_assert_eq!(a.split, b.split);
        }
    }
}

#[test]
fn split_proportions_are_close_to_the_fractions() {
    // 20,000 distinct snippets; with p = 0.8 the binomial standard deviation of the train
    // count is sqrt(20000 * 0.8 * 0.2) ≈ 57, so ±300 is more than 5 standard deviations.
    let f = SplitFractions::default();
    let mut counts = [0usize; 3];
    for i in 0..20_000 {
        let s = Snippet::new("A prompt.", format!("Completion number {i}."));
        counts[Split::ALL
            .iter()
            .position(|x| *x == f.split_of(&s, 7))
            .unwrap()] += 1;
    }
    assert!((counts[0] as i64 - 16_000).abs() < 300, "{counts:?}");
    assert!((counts[1] as i64 - 2_000).abs() < 150, "{counts:?}");
    assert!((counts[2] as i64 - 2_000).abs() < 150, "{counts:?}");
}
