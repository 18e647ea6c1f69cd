//! The paraphrase attack with the rule-based paraphraser against the toy keyword model.

mod common;

use std::collections::HashMap;

use attacks::{
    Attack, Budget, ParaphraseAttack, ParaphraseConfig, RuleParaphraser, RuleParaphraserConfig,
    StopReason,
};
use labels::{Label, Snippet, Source};

fn synonyms() -> HashMap<String, Vec<String>> {
    [
        ("stabbed", vec!["knifed", "pierced", "scratched", "stuck"]),
        ("knife", vec!["blade", "pen", "dagger"]),
        ("angry", vec!["furious"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect()
}

#[test]
fn paraphrases_are_kept_until_five_to_ten_are_accepted_then_labeled() {
    let target = common::target();
    let mut labeler = common::labeler();
    let seed = Snippet::new("Mara was angry.", "Suddenly Mara stabbed Tom with a knife.");
    let paraphraser = RuleParaphraser::new(
        RuleParaphraserConfig {
            seed: 3,
            ..Default::default()
        },
        synonyms(),
    )
    .unwrap();
    let mut attack = ParaphraseAttack::new(ParaphraseConfig::default(), paraphraser);
    let outcome = attack
        .run(Some(&seed), &target, &mut labeler, Budget::evaluations(500))
        .unwrap();
    assert_eq!(outcome.stop, StopReason::Success);
    assert_eq!(outcome.source, Source::Paraphrase);
    let n = outcome.submissions.len();
    assert!((5..=10).contains(&n), "{n} accepted");
    for s in &outcome.submissions {
        // accepted: both weighted words are gone (−3.5 + 0 + 0, σ = 0.029)
        assert!(s.score < 0.05);
        let words: Vec<String> = attacks::keyword_tokens(&s.snippet, attacks::Part::Completion)
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert!(
            !words.iter().any(|w| w == "stabbed" || w == "knife"),
            "{words:?}"
        );
        assert_eq!(s.judgement.label, labeler.label(&s.snippet));
        assert_eq!(s.adversarial, s.judgement.label == Label::Injurious);
    }
    // "knifed" and "stuck" are not injury words to the toy labeler; "pierced" and
    // "scratched" are: both kinds are among the accepted paraphrases
    assert!(outcome.succeeded());
    assert!(outcome.submissions.iter().any(|s| !s.adversarial));
    let examples = outcome.examples();
    assert!(
        examples
            .iter()
            .all(|e| e.provenance.parent == Some(seed.key()))
    );
    assert_eq!(outcome.labeler_calls as usize, n);
    println!(
        "{n} accepted of {} scored, {} adversarial",
        outcome.evaluations - 1,
        outcome.adversarial().count()
    );
}

#[test]
fn a_paraphraser_that_runs_dry_or_a_small_budget_ends_the_attack() {
    let target = common::target();
    let mut labeler = common::labeler();
    // nothing to swap: only openers (and their phrase variants) can change, a few dozen
    // variants at most, far fewer than the 20 rounds × 16 the settings allow
    let seed = Snippet::new("", "Ivo stabbed Oskar.");
    let paraphraser =
        RuleParaphraser::new(RuleParaphraserConfig::default(), HashMap::new()).unwrap();
    let mut attack = ParaphraseAttack::new(ParaphraseConfig::default(), paraphraser);
    let outcome = attack
        .run(Some(&seed), &target, &mut labeler, Budget::evaluations(500))
        .unwrap();
    assert_eq!(outcome.stop, StopReason::SearchExhausted);
    assert!(outcome.submissions.is_empty()); // "stabbed" stays: nothing is accepted
    println!("dry seed: {} evaluations", outcome.evaluations);
    assert!(outcome.evaluations < 50);

    let seed = Snippet::new("Mara was angry.", "Suddenly Mara stabbed Tom with a knife.");
    let paraphraser = RuleParaphraser::new(RuleParaphraserConfig::default(), synonyms()).unwrap();
    let mut attack = ParaphraseAttack::new(ParaphraseConfig::default(), paraphraser);
    let outcome = attack
        .run(Some(&seed), &target, &mut labeler, Budget::evaluations(4))
        .unwrap();
    assert_eq!(outcome.stop, StopReason::QueryBudget);
    assert!(outcome.evaluations <= 4);
}
