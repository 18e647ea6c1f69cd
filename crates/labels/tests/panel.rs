//! Labeling with a panel: two labels plus a tie-break, journaled, resumable.

use labels::{
    ImportedLabels, Journal, JournalEntry, Judgement, Label, LabelRecord, Labeler, LabelsError,
    Panel, Snippet, write_jsonl_atomic,
};

/// Labels by a rule on the completion and counts how often it was asked.
struct Rule {
    id: String,
    injurious_word: &'static str,
    asked: usize,
    fail_after: Option<usize>,
}

impl Rule {
    fn new(id: &str, injurious_word: &'static str) -> Self {
        Rule {
            id: id.into(),
            injurious_word,
            asked: 0,
            fail_after: None,
        }
    }
}

impl Labeler for Rule {
    fn id(&self) -> &str {
        &self.id
    }
    fn label_batch(&mut self, snippets: &[Snippet]) -> labels::Result<Vec<Judgement>> {
        snippets
            .iter()
            .map(|s| {
                if self.fail_after == Some(self.asked) {
                    return Err(LabelsError::Stopped { labeled: 0 });
                }
                self.asked += 1;
                let label = if s.completion.contains(self.injurious_word) {
                    Label::Injurious
                } else {
                    Label::NonInjurious
                };
                Ok(Judgement::new(self.id.clone(), label))
            })
            .collect()
    }
    fn preferred_batch_size(&self) -> usize {
        1
    }
}

fn snippets() -> Vec<Snippet> {
    vec![
        Snippet::new("p", "He was stabbed."),    // both say injurious
        Snippet::new("p", "She bled a little."), // a: injurious (bled), b: no
        Snippet::new("p", "They had tea."),      // both say non-injurious
    ]
}

#[test]
fn the_tie_breaker_is_asked_only_on_disagreements() {
    let (mut a, mut b, mut c) = (
        Rule::new("a", "ed"),
        Rule::new("b", "stab"),
        Rule::new("c", "bled"),
    );
    let labeled = Panel::new(&mut a, &mut b, &mut c)
        .unwrap()
        .label(&snippets(), None)
        .unwrap();
    let labels: Vec<Label> = labeled.iter().map(|l| l.label).collect();
    assert_eq!(
        labels,
        [Label::Injurious, Label::Injurious, Label::NonInjurious]
    );
    assert_eq!((a.asked, b.asked, c.asked), (3, 3, 1));
    assert_eq!(labeled[1].judgements.len(), 3);
}

#[test]
fn an_interrupted_session_resumes_from_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("labels.jsonl");
    let (mut a, mut b, mut c) = (
        Rule::new("a", "ed"),
        Rule::new("b", "stab"),
        Rule::new("c", "bled"),
    );
    b.fail_after = Some(1); // the second labeler stops after one snippet
    let result = Panel::new(&mut a, &mut b, &mut c)
        .unwrap()
        .label(&snippets(), Some(&journal));
    assert!(result.is_err());
    let saved = Journal::<JournalEntry>::read(&journal).unwrap().records;
    assert_eq!(
        saved.len(),
        3 + 1,
        "a's three judgements and b's first are on disk"
    );

    let (mut a, mut b, mut c) = (
        Rule::new("a", "ed"),
        Rule::new("b", "stab"),
        Rule::new("c", "bled"),
    );
    let labeled = Panel::new(&mut a, &mut b, &mut c)
        .unwrap()
        .label(&snippets(), Some(&journal))
        .unwrap();
    assert_eq!(
        (a.asked, b.asked, c.asked),
        (0, 2, 1),
        "nothing is asked twice"
    );
    assert_eq!(labeled[1].label, Label::Injurious);
    assert_eq!(
        Journal::<JournalEntry>::read(&journal)
            .unwrap()
            .records
            .len(),
        3 + 3 + 1
    );
}

#[test]
fn a_panel_needs_distinct_labelers() {
    let (mut a, mut b, mut c) = (
        Rule::new("a", "x"),
        Rule::new("a", "y"),
        Rule::new("c", "z"),
    );
    assert!(Panel::new(&mut a, &mut b, &mut c).is_err());
}

#[test]
fn imported_labels_answer_and_refuse_to_guess() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.jsonl");
    let records = vec![
        LabelRecord {
            snippet: Snippet::new("p", "He was stabbed."),
            label: Label::Injurious,
            labeler: Some("alice".into()),
            seconds: Some(4.0),
        },
        LabelRecord {
            snippet: Snippet::new("p", "They had tea."),
            label: Label::NonInjurious,
            labeler: Some("alice".into()),
            seconds: None,
        },
        LabelRecord {
            snippet: Snippet::new("p", "They had tea."),
            label: Label::Injurious,
            labeler: Some("bob".into()),
            seconds: None,
        },
    ];
    write_jsonl_atomic(&path, &records).unwrap();
    let mut alice = ImportedLabels::from_jsonl(&path, Some("alice")).unwrap();
    assert_eq!(alice.id(), "alice");
    let js = alice
        .label_batch(&[Snippet::new("p", "They  had tea.")])
        .unwrap();
    assert_eq!(js[0].label, Label::NonInjurious);
    let err = alice
        .label_batch(&[Snippet::new("p", "Unknown.")])
        .unwrap_err();
    assert!(matches!(err, LabelsError::NotLabeled { .. }));
    // without a labeler filter, alice and bob disagree on line 3: an error naming it
    let err = ImportedLabels::from_jsonl(&path, None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("people.jsonl:3:") && err.contains("line 2"),
        "{err}"
    );
}
