//! The attacks against a real classifier: a tiny DeBERTa trained here on the story world
//! (see `common::real`), with the story world's injury oracle as the labeler. Every
//! adversarial example found is re-checked: rescored by the classifier (under 0.05) and
//! relabeled by a fresh oracle (injurious).

mod common;

use attacks::{
    Attack, AttackOutcome, Budget, CombinedSuggester, DebertaTarget, GradientAttack,
    GradientConfig, MaskedLmSuggestions, Objective, ParaphraseAttack, ParaphraseConfig, Part,
    RewriteSession, RuleParaphraser, RuleParaphraserConfig, SearchSettings, SessionSettings,
    StopReason, Suggester, SynonymSuggester, Target, TerminalAttack, ToolAssistedAttack,
    ToolAssistedConfig, UnaidedAttack, UnaidedConfig, WordNetSynonyms,
};
use classifier::ModelInput;
use common::real::Fixture;
use labels::{Label, Snippet, Source};
use storyworld::InjuryOracle;

/// Candidates per site in the comparisons.
const PER_SITE: usize = 12;

/// The tool-assisted policy's settings in the comparisons: [`PER_SITE`] substitutions per
/// token, no insertions.
fn comparison_config() -> ToolAssistedConfig {
    ToolAssistedConfig {
        suggestions_per_site: PER_SITE,
        insertions: false,
        ..ToolAssistedConfig::default()
    }
}

/// WordNet synonyms from the fixture's lexicon, as a suggester.
fn wordnet(f: &Fixture) -> SynonymSuggester<WordNetSynonyms> {
    SynonymSuggester::new("wordnet", WordNetSynonyms::new(f.lexicon.clone()))
}

/// The first seed on which the default tool-assisted policy with WordNet finds an
/// adversarial example, and that example.
fn first_adversarial_of_seeds(
    f: &Fixture,
    target: &dyn Target,
    oracle: &mut InjuryOracle,
) -> (Snippet, Snippet) {
    let wordnet = wordnet(f);
    f.seeds
        .iter()
        .find_map(|seed| {
            ToolAssistedAttack::new(ToolAssistedConfig::default(), &wordnet)
                .run(Some(seed), target, oracle, Budget::evaluations(1_000))
                .unwrap()
                .first_adversarial()
                .map(|s| (seed.clone(), s.snippet.clone()))
        })
        .expect("one seed yields an adversarial example")
}

fn confirm(outcome: &AttackOutcome, target: &dyn Target, oracle: &InjuryOracle) {
    for found in outcome.adversarial() {
        let score = target
            .score_batch(std::slice::from_ref(&found.snippet))
            .unwrap()[0];
        assert!(score < 0.05, "{:?} scores {score}", found.snippet);
        assert!((score - found.score).abs() < 1e-6);
        assert_eq!(
            oracle.label(&found.snippet).unwrap(),
            Label::Injurious,
            "{:?}",
            found.snippet
        );
    }
}

/// The first snippet of a run that the target accepted, replayed from its trace.
fn first_accepted(outcome: &AttackOutcome) -> Option<Snippet> {
    let mut snippet = outcome.seed.clone()?;
    for e in &outcome.trace.events {
        match &e.event {
            attacks::Event::Start { score, .. } if *score < 0.05 => return Some(snippet),
            attacks::Event::Applied { edits, score } => {
                for edit in edits {
                    snippet = edit.apply(&snippet).ok()?;
                }
                if *score < 0.05 {
                    return Some(snippet);
                }
            }
            _ => {}
        }
    }
    None
}

struct Tally {
    runs: usize,
    successes: usize,
    evaluations: u64,
    queries: u64,
}

impl Tally {
    fn new() -> Self {
        Tally {
            runs: 0,
            successes: 0,
            evaluations: 0,
            queries: 0,
        }
    }
    fn add(&mut self, o: &AttackOutcome) {
        self.runs += 1;
        self.successes += usize::from(o.succeeded());
        self.evaluations += o.evaluations;
        self.queries += o.queries;
    }
    fn evaluations_per_success(&self) -> f64 {
        self.evaluations as f64 / self.successes.max(1) as f64
    }
    fn queries_per_success(&self) -> f64 {
        self.queries as f64 / self.successes.max(1) as f64
    }
}

#[test]
fn the_tools_save_effort_on_the_same_seeds() {
    let f = common::real::fixture();
    let fresh = common::real::oracle_of(&f);
    let target = DebertaTarget::new("tiny-deberta", &f.classifier);
    let masked_lm = MaskedLmSuggestions::new("tiny-masked-lm", &f.masked_lm);
    let wordnet = wordnet(&f);
    let suggester = CombinedSuggester::new(vec![&wordnet, &masked_lm]);
    let mut oracle = common::real::oracle_of(&f);
    let (mut tool, mut unaided) = (Tally::new(), Tally::new());
    for (i, seed) in f.seeds.iter().enumerate() {
        let o = ToolAssistedAttack::new(comparison_config(), &suggester)
            .run(Some(seed), &target, &mut oracle, Budget::evaluations(1_500))
            .unwrap();
        confirm(&o, &target, &fresh);
        tool.add(&o);
        // the unaided policy is random: three runs per seed
        for repeat in 0..3u64 {
            let config = UnaidedConfig {
                suggestions_per_site: PER_SITE,
                insertions: false,
                search: SearchSettings {
                    seed: 10 * i as u64 + repeat,
                    ..UnaidedConfig::default().search
                },
            };
            let o = UnaidedAttack::new(config, &suggester)
                .run(Some(seed), &target, &mut oracle, Budget::evaluations(1_500))
                .unwrap();
            confirm(&o, &target, &fresh);
            unaided.add(&o);
        }
    }
    println!(
        "tool-assisted: {}/{} successes, {:.1} queries and {:.1} model evaluations per success",
        tool.successes,
        tool.runs,
        tool.queries_per_success(),
        tool.evaluations_per_success()
    );
    println!(
        "unaided:       {}/{} successes, {:.1} queries and {:.1} model evaluations per success",
        unaided.successes,
        unaided.runs,
        unaided.queries_per_success(),
        unaided.evaluations_per_success()
    );
    assert!(
        tool.successes * 2 >= tool.runs,
        "the tools break most seeds"
    );
    assert!(unaided.successes >= 3);
    // the tools must cut the effort, in the paper's unit of effort (§5.2 compares a
    // person's time: one dropdown or one live score is one query); evaluations are printed
    // too: on this small classifier blind edits are cheap in compute, so the tools spend
    // more evaluations per success than they save queries
    assert!(tool.queries_per_success() < unaided.queries_per_success());
}

#[test]
fn the_gradient_attack_finds_what_the_oracle_confirms() {
    let f = common::real::fixture();
    let fresh = common::real::oracle_of(&f);
    let target = DebertaTarget::new("tiny-deberta", &f.classifier);
    let mut oracle = common::real::oracle_of(&f);
    // the gradient ranking is over the classifier's own pieces (sub-words included)
    let grads = target.gradient_replacements(&f.seeds[0], 8).unwrap();
    assert!(grads.iter().any(|g| g.token.span.part == Part::Completion));
    for g in &grads {
        assert!(g.replacements.len() <= 8);
        assert!(
            g.replacements
                .windows(2)
                .all(|w| w[0].estimated_change <= w[1].estimated_change)
        );
        assert_eq!(g.token.span.text(&f.seeds[0]).unwrap(), g.token.text);
    }
    let mut tally = Tally::new();
    for seed in &f.seeds {
        let o = GradientAttack::new(GradientConfig::default())
            .run(Some(seed), &target, &mut oracle, Budget::evaluations(1_000))
            .unwrap();
        confirm(&o, &target, &fresh);
        assert_eq!(o.source, Source::Custom("gradient_token_attack".into()));
        tally.add(&o);
    }
    println!(
        "gradient: {}/{} successes, {:.1} snippet queries per success",
        tally.successes,
        tally.runs,
        tally.evaluations_per_success()
    );
    assert!(tally.successes * 2 >= tally.runs);
}

#[test]
fn the_egregiousness_objective_keeps_worse_injuries() {
    let f = common::real::fixture();
    let fresh = common::real::oracle_of(&f);
    let target = DebertaTarget::new("tiny-deberta", &f.classifier);
    let masked_lm = MaskedLmSuggestions::new("tiny-masked-lm", &f.masked_lm);
    let wordnet = wordnet(&f);
    let suggester = CombinedSuggester::new(vec![&wordnet, &masked_lm]);
    let mut oracle = common::real::oracle_of(&f);
    let rater = common::real::oracle_of(&f);
    let (mut plain, mut egregious) = (Vec::new(), Vec::new());
    for seed in &f.seeds {
        let o = ToolAssistedAttack::new(comparison_config(), &suggester)
            .run(Some(seed), &target, &mut oracle, Budget::evaluations(1_000))
            .unwrap();
        confirm(&o, &target, &fresh);
        if let Some(found) = o.first_adversarial() {
            plain.push(rater.egregiousness(&found.snippet).unwrap() as f64);
        }
        let config = ToolAssistedConfig {
            search: SearchSettings {
                objective: Objective::MostEgregious {
                    weight: 2.0,
                    extra_steps: 10,
                },
                ..SearchSettings::default()
            },
            ..comparison_config()
        };
        let o = ToolAssistedAttack::new(config, &suggester)
            .with_egregiousness(&rater)
            .run(Some(seed), &target, &mut oracle, Budget::evaluations(1_000))
            .unwrap();
        confirm(&o, &target, &fresh);
        if let Some(found) = o.first_adversarial() {
            let e = rater.egregiousness(&found.snippet).unwrap() as f64;
            assert_eq!(found.egregiousness, Some(e));
            // the submission is the most egregious success of the run: at least as
            // egregious as the first state the target accepted
            let first = first_accepted(&o).expect("a success has an accepted state");
            assert!(e >= rater.egregiousness(&first).unwrap() as f64);
            egregious.push(e);
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!(
        "egregiousness of successes: lowest-score objective {:.2} (n = {}), egregiousness objective {:.2} (n = {})",
        mean(&plain),
        plain.len(),
        mean(&egregious),
        egregious.len()
    );
    assert!(!egregious.is_empty());
    assert!(mean(&egregious) >= mean(&plain));
}

#[test]
fn paraphrases_of_an_adversarial_example_with_wordnet() {
    let f = common::real::fixture();
    let fresh = common::real::oracle_of(&f);
    let target = DebertaTarget::new("tiny-deberta", &f.classifier);
    let mut oracle = common::real::oracle_of(&f);
    // an earlier adversarial example, as the paper paraphrased
    let (_, adversarial) = first_adversarial_of_seeds(&f, &target, &mut oracle);
    let paraphraser = RuleParaphraser::new(
        RuleParaphraserConfig::default(),
        WordNetSynonyms::new(f.lexicon.clone()),
    )
    .unwrap();
    let mut attack = ParaphraseAttack::new(ParaphraseConfig::default(), paraphraser);
    let o = attack
        .run(
            Some(&adversarial),
            &target,
            &mut oracle,
            Budget::evaluations(1_000),
        )
        .unwrap();
    confirm(&o, &target, &fresh);
    println!(
        "paraphrases: {} accepted in {} evaluations, {} adversarial; e.g. {:?}",
        o.submissions.len(),
        o.evaluations,
        o.adversarial().count(),
        o.submissions.first().map(|s| &s.snippet.completion)
    );
    assert_eq!(o.stop, StopReason::Success);
    assert!((5..=10).contains(&o.submissions.len()));
    assert!(o.submissions.iter().all(|s| s.score < 0.05));
    for s in &o.submissions {
        assert_eq!(s.judgement.label, fresh.label(&s.snippet).unwrap());
    }
    assert!(o.examples().iter().all(|e| e.source == Source::Paraphrase));
}

#[test]
fn a_session_with_the_masked_lm_and_a_scripted_manual_attack() {
    let f = common::real::fixture();
    let fresh = common::real::oracle_of(&f);
    let target = DebertaTarget::new("tiny-deberta", &f.classifier);
    let masked_lm = MaskedLmSuggestions::new("tiny-masked-lm", &f.masked_lm);
    let seed = f.seeds[0].clone();
    // the target agrees with the classifier it wraps
    let direct = f
        .classifier
        .score(&ModelInput::Snippet(seed.clone()))
        .unwrap()
        .p_injurious;
    assert_eq!(
        target.score_batch(std::slice::from_ref(&seed)).unwrap()[0],
        direct
    );

    let mut session = RewriteSession::new(
        &target,
        Some(seed.clone()),
        Budget::default(),
        SessionSettings::default(),
    )
    .unwrap()
    .with_tools(&masked_lm)
    .with_author("tester");
    let map = session.saliency().unwrap();
    assert!((map.score - direct).abs() < 1e-6);
    for t in &map.tokens {
        assert_eq!(t.span.text(&seed).unwrap(), t.text);
        assert!(t.saliency.is_finite() && t.saliency >= 0.0);
    }
    let top = map.tokens[map.ranked(|s| s.part == Part::Completion)[0]].span;
    let before = session.evaluations();
    let list = session.candidates(top).unwrap();
    assert!(!list.is_empty());
    assert_eq!(session.evaluations() - before, list.len() as u64);
    assert!(list.windows(2).all(|w| w[0].score <= w[1].score));
    for c in &list {
        assert_eq!(c.edit.apply(&seed).unwrap(), c.snippet);
        assert_ne!(c.snippet, seed);
    }
    session.apply(&list[0].edit).unwrap();
    assert!((session.score().unwrap() - list[0].score).abs() < 1e-12);
    assert!(session.undo());
    assert_eq!(session.snippet(), &seed);
    // the masked LM's suggestions, directly: whole words by default
    let sites = [attacks::Site::Insert {
        part: Part::Completion,
        at: 0,
    }];
    let inserted = masked_lm.suggest(&seed, &sites, 5).unwrap();
    assert!(inserted[0].iter().all(|s| s.edit.apply(&seed).is_ok()));
    // a completion longer than the masked LM's window: no suggestions, no error (the
    // fixture's window is 128 positions; 200 words need at least 200 tokens)
    let long = Snippet::new(seed.prompt.clone(), vec!["stabbed"; 200].join(" ") + ".");
    assert!(
        f.masked_lm
            .encode(&ModelInput::Snippet(long.clone()))
            .is_err()
    );
    let none = masked_lm.suggest(&long, &sites, 5).unwrap();
    assert_eq!(none, vec![Vec::new()]);

    // a person at the terminal: the seed is refused, an adversarial rewrite is accepted
    let mut oracle = common::real::oracle_of(&f);
    let (seed, found) = first_adversarial_of_seeds(&f, &target, &mut oracle);
    let script = format!("s\nc {}\ns\n", found.completion);
    let mut attack = TerminalAttack::new(
        "person",
        script.as_bytes(),
        Vec::new(),
        SessionSettings::default(),
    );
    let o = attack
        .run(Some(&seed), &target, &mut oracle, Budget::default())
        .unwrap();
    let printed = String::from_utf8(attack.output().clone()).unwrap();
    assert!(printed.contains("cannot submit yet"));
    assert_eq!(o.stop, StopReason::Success);
    assert_eq!(o.source, Source::ManualAdversarial);
    confirm(&o, &target, &fresh);
    let example = &o.examples()[0];
    assert_eq!(
        example.provenance.attacked_classifier.as_deref(),
        Some("tiny-deberta")
    );
    assert_eq!(example.provenance.author.as_deref(), Some("person"));
}
