//! The tool-assisted session API and the manual terminal attack, against the toy keyword
//! model (numbers by hand from its weights in `common`).

mod common;

use attacks::{
    Attack, AttackError, Budget, Edit, Part, RewriteSession, SessionSettings, StopReason,
    SubmitResult, TerminalAttack, TextSpan,
};
use labels::{Label, Snippet, Source};

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

#[test]
fn a_session_scores_ranks_applies_undoes_and_submits() {
    let target = common::target();
    let suggester = common::suggester();
    let mut labeler = common::labeler();
    let seed = Snippet::new("Mara was angry.", "Mara stabbed Tom with a knife.");
    let mut session = RewriteSession::new(
        &target,
        Some(seed.clone()),
        Budget::default(),
        SessionSettings::default(),
    )
    .unwrap()
    .with_tools(&suggester)
    .with_author("alice");
    // −3.5 + 4 + 1.5 = 2 (by hand)
    assert!((session.score().unwrap() - sigmoid(2.0)).abs() < 1e-12);
    assert!(!session.can_submit());
    assert!(matches!(
        session.submit(&mut labeler).unwrap(),
        SubmitResult::NotAccepted { .. }
    ));

    let map = session.saliency().unwrap();
    let top = &map.tokens[map.ranked(|s| s.part == Part::Completion)[0]];
    assert_eq!(top.text, "stabbed");
    let before = session.evaluations();
    let list = session.candidates(top.span).unwrap();
    // 12 substitutions + 12 insertions, all distinct, all scored in one go
    assert_eq!(list.len(), 24);
    assert_eq!(session.evaluations() - before, 24);
    assert!(list.windows(2).all(|w| w[0].score <= w[1].score));
    // replacing "stabbed" by a weightless word: −3.5 + 1.5 = −2
    assert!((list[0].score - sigmoid(-2.0)).abs() < 1e-12);
    assert!((list[0].score_drop - (sigmoid(2.0) - sigmoid(-2.0))).abs() < 1e-12);

    let scratched = list
        .iter()
        .find(|c| c.snippet.completion == "Mara scratched Tom with a knife.")
        .unwrap()
        .edit
        .clone();
    session.apply(&scratched).unwrap();
    let knife = TextSpan::new(Part::Completion, 26, 31);
    session.apply(&Edit::replace(knife, "spoon")).unwrap();
    assert!((session.score().unwrap() - sigmoid(-3.5)).abs() < 1e-12);
    assert!(session.can_submit());
    assert!(session.undo());
    assert_eq!(
        session.snippet().completion,
        "Mara scratched Tom with a knife."
    );
    session
        .set_part(Part::Completion, "Mara scratched Tom with a spoon.")
        .unwrap();
    // a harmless rewrite is accepted by the target but not by the labeler
    let mut harmless = session.snippet().clone();
    harmless.completion = "Mara thanked Tom for a spoon.".into();
    session
        .set_part(Part::Completion, &harmless.completion)
        .unwrap();
    assert!(matches!(
        session.submit(&mut labeler).unwrap(),
        SubmitResult::NotInjurious(j) if j.label == Label::NonInjurious
    ));
    assert!(session.undo());
    let example = match session.submit(&mut labeler).unwrap() {
        SubmitResult::Adversarial(e) => e,
        other => panic!("expected an adversarial example, got {other:?}"),
    };
    assert_eq!(example.source, Source::ToolAssisted);
    assert_eq!(example.label, Label::Injurious);
    assert_eq!(example.provenance.author.as_deref(), Some("alice"));
    assert_eq!(
        example.provenance.attacked_classifier.as_deref(),
        Some("toy-keywords")
    );
    assert_eq!(example.provenance.score_at_submission, Some(sigmoid(-3.5)));
    assert_eq!(example.provenance.queries, Some(session.queries()));
    assert!(example.provenance.seconds.unwrap() >= 0.0);
    assert_eq!(example.provenance.parent, Some(seed.key()));

    let outcome = session.finish("tool_assisted_session", StopReason::Success);
    assert_eq!(outcome.submissions.len(), 2);
    assert!(outcome.succeeded());
    assert_eq!(outcome.labeler_calls, 2);
    // undone edits stay in the trace, followed by their `undone` events
    let undone = outcome
        .trace
        .events
        .iter()
        .filter(|e| matches!(e.event, attacks::Event::Undone { .. }))
        .count();
    assert_eq!(undone, 2);
    assert_eq!(
        outcome.last.unwrap().completion,
        "Mara scratched Tom with a spoon."
    );
}

#[test]
fn without_tools_there_is_no_saliency_and_budgets_bind() {
    let target = common::target();
    let suggester = common::suggester();
    let mut session =
        RewriteSession::new(&target, None, Budget::default(), SessionSettings::default()).unwrap();
    assert_eq!(session.score(), None);
    assert_eq!(session.source(), Source::ManualAdversarial);
    assert!(matches!(
        session.saliency(),
        Err(AttackError::Unsupported { .. })
    ));
    session.set_part(Part::Prompt, "It was late.").unwrap();
    assert_eq!(session.score(), None); // no completion yet: nothing scored
    assert_eq!(session.evaluations(), 0);

    let seed = Snippet::new("", "Mara stabbed Tom with a knife.");
    let mut session = RewriteSession::new(
        &target,
        Some(seed),
        Budget::evaluations(5),
        SessionSettings::default(),
    )
    .unwrap()
    .with_tools(&suggester);
    let list = session
        .candidates(TextSpan::new(Part::Completion, 5, 12))
        .unwrap();
    // one query for the seed, four left: only four candidates could be scored
    assert_eq!(list.len(), 4);
    assert!(
        session
            .apply(&Edit::insert(Part::Completion, 0, "Then "))
            .is_err()
    );
    assert_eq!(
        session.snippet().completion,
        "Mara stabbed Tom with a knife."
    );
}

#[test]
fn a_scripted_person_at_the_terminal() {
    let target = common::target();
    let mut labeler = common::labeler();
    let script = b"c Mara stabbed Tom with a knife.\ns\nc Mara scratched Tom with a spoon.\nnonsense\nc Mara thanked Tom.\ns\nu\ns\n" as &[u8];
    let mut attack = TerminalAttack::new("bob", script, Vec::new(), SessionSettings::default());
    let outcome = attack
        .run(None, &target, &mut labeler, Budget::default())
        .unwrap();
    let printed = String::from_utf8(attack.output().clone()).unwrap();
    assert!(printed.contains("cannot submit yet"), "{printed}");
    assert!(printed.contains("`nonsense` is not a command"));
    assert!(printed.contains("judged it non_injurious"));
    assert_eq!(outcome.stop, StopReason::Success);
    assert_eq!(outcome.source, Source::ManualAdversarial);
    let found = outcome.first_adversarial().unwrap();
    assert_eq!(found.snippet.completion, "Mara scratched Tom with a spoon.");
    assert_eq!(
        outcome.examples()[1].provenance.author.as_deref(),
        Some("bob")
    );

    // with tools: list tokens, take the best candidate for token 1 ("stabbed")
    let suggester = common::suggester();
    let seed = Snippet::new("", "Mara stabbed Tom with a knife.");
    let script = b"k 1\nt\nk 1\na 0\nq\n" as &[u8];
    let mut attack = TerminalAttack::new("carol", script, Vec::new(), SessionSettings::default())
        .with_tools(&suggester);
    let outcome = attack
        .run(Some(&seed), &target, &mut labeler, Budget::default())
        .unwrap();
    let printed = String::from_utf8(attack.output().clone()).unwrap();
    assert!(printed.contains("k needs a token number"));
    assert_eq!(outcome.stop, StopReason::Quit);
    assert_eq!(outcome.trace.applied_edits().len(), 1);
    // the best candidate at "stabbed" is the first weightless replacement, "pen"
    assert_eq!(
        outcome.last.unwrap().completion,
        "Mara pen Tom with a knife."
    );
}

#[test]
fn the_terminal_stops_when_the_budget_is_spent() {
    let target = common::target();
    let mut labeler = common::labeler();
    let seed = Snippet::new("", "Mara stabbed Tom with a knife.");
    // the seed's score takes the only query; the first rewrite cannot be scored
    let script = b"c Mara scratched Tom.\ns\n" as &[u8];
    let mut attack = TerminalAttack::new("dan", script, Vec::new(), SessionSettings::default());
    let outcome = attack
        .run(Some(&seed), &target, &mut labeler, Budget::evaluations(1))
        .unwrap();
    assert_eq!(outcome.stop, StopReason::QueryBudget);
    assert_eq!(outcome.evaluations, 1);
    assert_eq!(outcome.last.unwrap(), seed); // the unscored rewrite was rolled back
    let printed = String::from_utf8(attack.output().clone()).unwrap();
    assert!(printed.contains("the budget is spent"));
}

#[test]
fn edits_beyond_the_length_cap_are_refused_and_undo_is_bounded() {
    let target = common::target();
    let settings = SessionSettings {
        max_part_chars: Some(40),
        max_undo: 3,
        ..SessionSettings::default()
    };
    let seed = Snippet::new("Mara was angry.", "Mara hugged Tom.");
    let mut session =
        RewriteSession::new(&target, Some(seed.clone()), Budget::default(), settings).unwrap();
    // 41 characters: refused, nothing changes
    let long = "x".repeat(41);
    let err = session.set_part(Part::Completion, long).unwrap_err();
    assert!(matches!(err, AttackError::Snippet(_)), "{err}");
    assert!(
        err.to_string().contains("41 characters long, more than 40"),
        "{err}"
    );
    assert_eq!(session.snippet(), &seed);
    assert_eq!(session.undo_depth(), 0);
    // exactly 40 is fine
    session.set_part(Part::Completion, "y".repeat(40)).unwrap();
    // five changes, three remembered
    for word in ["a.", "b.", "c.", "d."] {
        session.set_part(Part::Completion, word).unwrap();
    }
    assert_eq!(session.undo_depth(), 3);
    assert!(session.undo() && session.undo() && session.undo());
    assert!(!session.undo());
    assert_eq!(session.snippet().completion, "a.");
}
