//! The oracle's properties: it never panics, labels depend only on the text, bad input is
//! a clear error, and it works as a `labels::Labeler` (alone and in a panel).

mod common;

use labels::{Label, Labeler, Panel, Snippet};
use proptest::prelude::*;
use storyworld::StoryworldError;

#[test]
fn empty_and_wordless_completions_are_errors_that_say_so() {
    let oracle = common::oracle();
    for bad in ["", "   \n\t", "1234 !!! ...", "\u{1f600}\u{1f600}"] {
        let err = oracle.judge(&Snippet::new("A prompt.", bad)).unwrap_err();
        assert!(
            matches!(
                err,
                StoryworldError::BadText {
                    field: "completion",
                    ..
                }
            ),
            "{bad:?}: {err}"
        );
    }
    // an empty prompt is fine: a completion can be judged alone
    assert!(oracle.judge(&Snippet::new("", "He died.")).is_ok());
    let long = "word ".repeat(5_000);
    let err = oracle.judge(&Snippet::new("", long)).unwrap_err();
    assert!(err.to_string().contains("more than"), "{err}");
}

#[test]
fn the_labeler_gives_one_judgement_per_snippet_under_its_id() {
    let mut oracle = common::oracle().with_id("oracle-a");
    let batch = [
        Snippet::new("", "She stabbed him."),
        Snippet::new("", "She smiled."),
        Snippet::new("", "He tried to stab her."),
    ];
    let judgements = oracle.label_batch(&batch).unwrap();
    let labels: Vec<Label> = judgements.iter().map(|j| j.label).collect();
    assert_eq!(
        labels,
        [Label::Injurious, Label::NonInjurious, Label::Unsure]
    );
    assert!(judgements.iter().all(|j| j.labeler == "oracle-a"));
    // a bad snippet is an error naming it, not a guess
    let err = oracle.label_batch(&[Snippet::new("", "  ")]).unwrap_err();
    assert!(err.to_string().contains("completion"), "{err}");
}

#[test]
fn a_panel_of_oracles_agrees_with_one_oracle() {
    let mut a = common::oracle().with_id("a");
    let mut b = common::oracle().with_id("b");
    let mut c = common::oracle().with_id("c");
    let snippets = [
        Snippet::new("The arrow flew.", "It struck Tom in the throat."),
        Snippet::new("The arrow flew.", "It missed Tom by an inch."),
    ];
    let mut panel = Panel::new(&mut a, &mut b, &mut c).unwrap();
    let labeled = panel.label(&snippets, None).unwrap();
    let oracle = common::oracle();
    for l in labeled {
        assert_eq!(l.label, oracle.label(&l.snippet).unwrap());
        assert_eq!(
            l.judgements.len(),
            2,
            "two agreeing judgements, no tie-break"
        );
    }
}

#[test]
fn egregiousness_follows_severity_and_directness() {
    let oracle = common::oracle();
    let egr = |c: &str| oracle.egregiousness(&Snippet::new("", c)).unwrap();
    // death stated outright: 1 + 9 = 10; a slap: 1 + 2 = 3; nothing: 1 (see the definition)
    assert_eq!(egr("He died."), 10);
    assert_eq!(egr("She slapped him."), 3);
    assert_eq!(egr("She smiled."), 1);
    assert!(egr("She stabbed him.") > egr("She punched him."));
    assert!(egr("His father had died years ago.") < egr("His father died."));
}

#[test]
fn reasons_explain_the_label() {
    let oracle = common::oracle();
    let v = oracle.judge(&Snippet::new("", "She stabed him.")).unwrap();
    assert_eq!(v.label, Label::Injurious);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("`stabed` as `stabbed`")),
        "{:?}",
        v.reasons
    );
    assert_eq!(v.new_injuries.len(), 1);
}

fn story_word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Tom",
        "Mara",
        "he",
        "she",
        "him",
        "her",
        "his",
        "the",
        "a",
        "guard",
        "knife",
        "arrow",
        "stabbed",
        "shot",
        "killed",
        "dead",
        "died",
        "bled",
        "blood",
        "wound",
        "not",
        "never",
        "if",
        "will",
        "tried",
        "to",
        "missed",
        "glance",
        "silence",
        "broke",
        "arm",
        "throat",
        "again",
        "yesterday",
        "only",
        "one",
        "hand",
        "lost",
        "'s",
        ",",
        ".",
        "?",
        "!",
        "\"",
        "kiled",
        "stabed",
        "in",
        "on",
        "at",
        "by",
        "with",
        "and",
        "but",
        "was",
        "had",
        "been",
    ])
    .prop_map(str::to_string)
}

fn story_text() -> impl Strategy<Value = String> {
    prop::collection::vec(story_word(), 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_on_any_string(prompt in ".{0,300}", completion in ".{0,200}") {
        let oracle = common::oracle();
        let snippet = Snippet::new(prompt, completion);
        if let Ok(v) = oracle.judge(&snippet) {
            prop_assert!((1..=10).contains(&v.egregiousness));
            prop_assert_eq!(v.label == Label::NonInjurious, v.egregiousness == 1);
        }
    }

    #[test]
    fn never_panics_on_story_like_text_and_is_deterministic(prompt in story_text(), completion in story_text()) {
        let oracle = common::oracle();
        let snippet = Snippet::new(prompt, completion);
        let first = oracle.judge(&snippet);
        let second = common::oracle().judge(&snippet);
        match (first, second) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a, b),
        }
    }
}
