//! The automatic attacks against the toy keyword model, where every number can be
//! followed by hand: they find adversarial examples the labeler confirms, their traces
//! replay, budgets stop them, the tools save evaluations, and the egregiousness objective
//! keeps injuries more egregious.

mod common;

use attacks::{
    AdversarialCriterion, Attack, AttackOutcome, Budget, GradientAttack, GradientConfig,
    KeywordLabeler, KeywordTarget, Objective, QueryCounter, SearchSettings, StopReason,
    ToolAssistedAttack, ToolAssistedConfig, Trace, UnaidedAttack, UnaidedConfig,
};
use labels::{Label, Snippet, Source};

fn replay(outcome: &AttackOutcome) -> Snippet {
    let mut s = outcome.seed.clone().unwrap();
    for e in outcome.trace.applied_edits() {
        s = e.apply(&s).unwrap();
    }
    s
}

/// One run of `attack` from `seed` within `evaluations` model evaluations.
fn run_within(
    attack: &mut dyn Attack,
    seed: &Snippet,
    target: &KeywordTarget,
    labeler: &mut KeywordLabeler,
    evaluations: u64,
) -> AttackOutcome {
    attack
        .run(
            Some(seed),
            target,
            labeler,
            Budget::evaluations(evaluations),
        )
        .unwrap()
}

/// Checks a success of `outcome`: the labeler calls it injurious and the trace replays
/// to it.
fn assert_confirmed(outcome: &AttackOutcome, found: &Snippet, labeler: &KeywordLabeler) {
    assert_eq!(labeler.label(found), Label::Injurious);
    assert_eq!(&replay(outcome), found);
}

#[test]
fn the_counter_caches_counts_and_refuses_past_the_budget() {
    let target = common::target();
    let mut counter = QueryCounter::new(&target, Budget::evaluations(3)).unwrap();
    let a = Snippet::new("", "Mara stabbed Tom.");
    let b = Snippet::new("", "Mara hugged Tom.");
    let c = Snippet::new("", "Mara met Tom.");
    let scores = counter
        .score_batch(&[a.clone(), b.clone(), a.clone()])
        .unwrap();
    assert_eq!(scores[0], scores[2]);
    // σ(−3.5 + 4) and σ(−3.5), by hand
    assert!((scores[0] - 1.0 / (1.0 + (-0.5f64).exp())).abs() < 1e-12);
    assert!((scores[1] - 1.0 / (1.0 + 3.5f64.exp())).abs() < 1e-12);
    assert_eq!(counter.evaluations(), 2); // the repeat inside the batch is free
    counter.score(&a).unwrap();
    assert_eq!((counter.evaluations(), counter.cache_hits()), (2, 2));
    // two requests so far (one batch, one single score, cached or not)
    assert_eq!(counter.queries(), 2);
    let d = Snippet::new("", "Mara saw Tom.");
    assert_eq!(counter.affordable(&[a.clone(), c.clone(), d.clone()]), 2);
    let refused = counter.score_batch(&[c.clone(), d]).unwrap_err();
    assert!(refused.is_budget(), "{refused}");
    assert_eq!(counter.evaluations(), 2); // nothing was spent on the refused batch
    counter.score(&c).unwrap();
    assert!(counter.exhausted());
}

#[test]
fn a_query_limit_counts_requests_not_snippets() {
    let target = common::target();
    let mut counter = QueryCounter::new(&target, Budget::queries(2)).unwrap();
    let batch: Vec<Snippet> = (0..5)
        .map(|i| Snippet::new("", format!("Mara met Tom {i} times.")))
        .collect();
    // one dropdown of five candidates is one query and five evaluations
    counter.score_batch(&batch).unwrap();
    assert_eq!((counter.queries(), counter.evaluations()), (1, 5));
    // a cached live score is still a query, but no evaluation
    counter.score(&batch[0]).unwrap();
    assert_eq!((counter.queries(), counter.evaluations()), (2, 5));
    assert!(counter.exhausted());
    assert_eq!(counter.affordable(&batch), 0);
    let refused = counter.score(&batch[1]).unwrap_err();
    assert!(refused.is_budget(), "{refused}");
    assert_eq!(counter.queries(), 2);
}

#[test]
fn the_tool_assisted_policy_finds_what_the_labeler_confirms() {
    let target = common::target();
    let suggester = common::suggester();
    let mut labeler = common::labeler();
    let mut attack = ToolAssistedAttack::new(ToolAssistedConfig::default(), &suggester);
    let seed = &common::seeds()[0];
    let outcome = attack
        .run(Some(seed), &target, &mut labeler, Budget::evaluations(500))
        .unwrap();
    assert_eq!(outcome.stop, StopReason::Success);
    let found = outcome.first_adversarial().unwrap();
    // By hand: "stabbed" (weight 4) is the most salient token; its candidates that lower
    // the logit most (to −3.5 + 1.5 = −2) tie, and in list order the first the labeler
    // calls injurious is "scratched" ("pen" is not). Then "knife" (1.5) → "pen": logit
    // −3.5, σ = 0.0293 < 0.05.
    assert_eq!(found.snippet.completion, "Mara scratched Tom with a pen.");
    assert!((found.score - 1.0 / (1.0 + 3.5f64.exp())).abs() < 1e-12);
    assert_confirmed(&outcome, &found.snippet, &labeler);
    assert_eq!(found.judgement.labeler, "toy-labeler");
    // every score is in the trace, and the trace survives JSONL
    assert!(outcome.trace.scores().contains(&found.score));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trace.jsonl");
    outcome.trace.write_jsonl(&path).unwrap();
    let back = Trace::read_jsonl(&path).unwrap();
    assert_eq!(back.len(), outcome.trace.len());
    assert_eq!(back.applied_edits(), outcome.trace.applied_edits());
    // JSON keeps 17 significant digits; the last may differ after parsing
    for (a, b) in back.scores().iter().zip(outcome.trace.scores()) {
        assert!((a - b).abs() <= 1e-15, "{a} vs {b}");
    }
    // the example carries its provenance
    let examples = outcome.examples();
    assert_eq!(examples.len(), 1);
    let e = &examples[0];
    assert_eq!(e.source, Source::ToolAssisted);
    assert_eq!(e.label, Label::Injurious);
    assert_eq!(
        e.provenance.attacked_classifier.as_deref(),
        Some("toy-keywords")
    );
    assert_eq!(e.provenance.score_at_submission, Some(found.score));
    assert_eq!(e.provenance.queries, Some(found.queries));
    assert_eq!(e.provenance.parent, Some(seed.key()));
}

#[test]
fn beam_and_gradient_attacks_succeed_too() {
    let target = common::target();
    let suggester = common::suggester();
    for seed in common::seeds() {
        let mut labeler = common::labeler();
        let config = ToolAssistedConfig {
            beam_width: 3,
            positions_per_step: 2,
            ..ToolAssistedConfig::default()
        };
        let mut beam = ToolAssistedAttack::new(config, &suggester);
        let outcome = run_within(&mut beam, &seed, &target, &mut labeler, 2_000);
        let found = outcome.first_adversarial().expect("beam search succeeds");
        assert_confirmed(&outcome, &found.snippet, &labeler);

        let mut gradient = GradientAttack::new(GradientConfig::default());
        let outcome = run_within(&mut gradient, &seed, &target, &mut labeler, 2_000);
        let found = outcome
            .first_adversarial()
            .expect("the gradient attack succeeds");
        assert!(found.score < 0.05);
        assert_confirmed(&outcome, &found.snippet, &labeler);
    }
}

#[test]
fn tools_need_fewer_evaluations_per_success_than_no_tools() {
    let target = common::target();
    let suggester = common::suggester();
    let (mut tool, mut unaided) = ((0u64, 0usize), (0u64, 0usize));
    for (i, seed) in common::seeds().iter().enumerate() {
        let mut labeler = common::labeler();
        let mut attack = ToolAssistedAttack::new(ToolAssistedConfig::default(), &suggester);
        let o = run_within(&mut attack, seed, &target, &mut labeler, 1_000);
        tool = (tool.0 + o.evaluations, tool.1 + usize::from(o.succeeded()));
        // the unaided policy is random: five runs per seed, each counted
        for repeat in 0..5u64 {
            let config = UnaidedConfig {
                search: SearchSettings {
                    seed: 100 * i as u64 + repeat,
                    ..UnaidedConfig::default().search
                },
                ..UnaidedConfig::default()
            };
            let mut attack = UnaidedAttack::new(config, &suggester);
            let o = run_within(&mut attack, seed, &target, &mut labeler, 1_000);
            if let Some(found) = o.first_adversarial() {
                assert_confirmed(&o, &found.snippet, &labeler);
            }
            unaided = (
                unaided.0 + o.evaluations,
                unaided.1 + usize::from(o.succeeded()),
            );
        }
    }
    let per = |(q, n): (u64, usize)| q as f64 / n.max(1) as f64;
    println!(
        "toy: tool-assisted {} successes, {:.1} queries each; unaided {} successes, {:.1} queries each",
        tool.1,
        per(tool),
        unaided.1,
        per(unaided)
    );
    // The toy is built so that every seed can be broken within the budget (its weighted
    // words have weightless injurious substitutes among the suggester's words), and the
    // tool-assisted search is exhaustive over them: it breaks every seed, by construction,
    // not by a measured count.
    let seeds = common::seeds().len();
    assert_eq!(
        tool.1, seeds,
        "tool-assisted broke {} of {seeds} seeds",
        tool.1
    );
    // the blind policy breaks at least half of its 5 runs per seed (each run draws its
    // words at random; measured: 40 of 40, 2026-12-07)
    assert!(
        2 * unaided.1 >= 5 * seeds,
        "unaided: {} of {}",
        unaided.1,
        5 * seeds
    );
    assert!(per(tool) < per(unaided));
}

#[test]
fn the_egregiousness_objective_keeps_worse_injuries() {
    let target = common::target();
    let suggester = common::suggester();
    let rater = common::egregiousness;
    let seed = &common::seeds()[0];
    let mut labeler = common::labeler();
    let mut attack = ToolAssistedAttack::new(ToolAssistedConfig::default(), &suggester);
    let plain = run_within(&mut attack, seed, &target, &mut labeler, 1_000);
    let config = ToolAssistedConfig {
        search: SearchSettings {
            objective: Objective::most_egregious(),
            ..SearchSettings::default()
        },
        ..ToolAssistedConfig::default()
    };
    let mut attack = ToolAssistedAttack::new(config, &suggester).with_egregiousness(&rater);
    let egregious = run_within(&mut attack, seed, &target, &mut labeler, 1_000);
    let a = plain.first_adversarial().unwrap();
    let b = egregious.first_adversarial().unwrap();
    // By hand (value = logit − egregiousness, from −6 at the seed): the plain policy
    // trades "stabbed" for "scratched" (severity 2); the egregious one for "pierced"
    // (−1.5 − 6 = −7.5 beats "wounded" −1 − 5 and "scratched" −2 − 2), then "knife" →
    // "pen" crosses: logit −3, σ = 0.0474, and no later edit both stays under 0.05 and
    // beats −9.
    assert_eq!(common::egregiousness(&a.snippet), 2.0);
    assert_eq!(b.egregiousness, Some(6.0));
    assert_eq!(b.snippet.completion, "Mara pierced Tom with a pen.");
    assert!((b.score - 1.0 / (1.0 + 3f64.exp())).abs() < 1e-12);
    assert_eq!(egregious.examples()[0].provenance.egregiousness, Some(6));
    // without a rater it is a setting error, not a silent fallback
    let mut no_rater = ToolAssistedAttack::new(config, &suggester);
    assert!(
        no_rater
            .run(Some(seed), &target, &mut labeler, Budget::default())
            .is_err()
    );
}

#[test]
fn seeds_that_are_not_injurious_and_budgets_stop_runs() {
    let target = common::target();
    let suggester = common::suggester();
    let mut labeler = common::labeler();
    let harmless = Snippet::new("", "Mara hugged Tom with a knife.");
    let o = ToolAssistedAttack::new(ToolAssistedConfig::default(), &suggester)
        .run(Some(&harmless), &target, &mut labeler, Budget::default())
        .unwrap();
    assert_eq!(o.stop, StopReason::SeedNotInjurious);
    assert!(o.submissions.is_empty());

    let seed = &common::seeds()[1];
    let o = ToolAssistedAttack::new(ToolAssistedConfig::default(), &suggester)
        .run(Some(seed), &target, &mut labeler, Budget::evaluations(5))
        .unwrap();
    assert_eq!(o.stop, StopReason::QueryBudget);
    assert!(o.evaluations <= 5);
    assert!(!o.succeeded());

    assert!(
        ToolAssistedAttack::new(ToolAssistedConfig::default(), &suggester)
            .run(None, &target, &mut labeler, Budget::default())
            .is_err()
    );
    let strict = ToolAssistedConfig {
        search: SearchSettings {
            criterion: AdversarialCriterion::with_threshold(1.5),
            ..SearchSettings::default()
        },
        ..ToolAssistedConfig::default()
    };
    assert!(
        ToolAssistedAttack::new(strict, &suggester)
            .run(Some(seed), &target, &mut labeler, Budget::default())
            .is_err()
    );
    // an already accepted injurious seed is a success with no edit
    let weak = Snippet::new("", "The boy was scratched.");
    let o = ToolAssistedAttack::new(ToolAssistedConfig::default(), &suggester)
        .run(Some(&weak), &target, &mut labeler, Budget::default())
        .unwrap();
    assert_eq!(o.stop, StopReason::Success);
    assert_eq!(o.first_adversarial().unwrap().snippet, weak);
    assert!(o.trace.applied_edits().is_empty());
}
