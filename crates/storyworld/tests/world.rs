//! The story world: deterministic, diverse, its injurious share in the configured band,
//! its intended labels equal to the oracle's, its corpus of whole stories.

mod common;

use std::collections::HashSet;

use labels::{Label, Source};
use storyworld::{World, WorldConfig};

#[test]
fn snippets_are_deterministic_by_seed_and_index() {
    let world = World::new(WorldConfig::default()).unwrap();
    let again = World::new(WorldConfig::default()).unwrap();
    assert_eq!(world.snippets(50), again.snippets(50));
    assert_eq!(world.snippet(1234), again.snippet(1234));
    let other = World::new(WorldConfig {
        seed: 7,
        ..WorldConfig::default()
    })
    .unwrap();
    let same = (0..50)
        .filter(|&i| world.snippet(i).snippet == other.snippet(i).snippet)
        .count();
    assert!(
        same < 5,
        "{same} of 50 snippets are the same under another seed"
    );
}

#[test]
fn unreachable_shares_are_rejected() {
    for share in [0.0, 0.5, f64::NAN, -1.0] {
        let config = WorldConfig {
            initial_injurious_share: share,
            ..WorldConfig::default()
        };
        assert!(World::new(config).is_err(), "{share}");
    }
}

/// The default initial dataset of 20,000 snippets: labeled by the oracle, its injurious
/// share (unsure counted as injurious, as the paper trains) inside the default band, and
/// the oracle agreeing with the world's intended label on (nearly) every snippet.
#[test]
fn the_default_initial_dataset_is_in_band_and_agrees_with_the_world() {
    let oracle = common::oracle();
    let world = World::new(WorldConfig::default()).unwrap();
    let n = 20_000;
    let snippets = world.snippets(n);
    let distinct: HashSet<_> = snippets.iter().map(|s| s.snippet.normalized()).collect();
    assert!(
        distinct.len() as f64 > 0.995 * n as f64,
        "only {} distinct",
        distinct.len()
    );
    let completions: HashSet<_> = snippets
        .iter()
        .map(|s| s.snippet.completion.clone())
        .collect();
    assert!(
        completions.len() > 5_000,
        "only {} distinct completions",
        completions.len()
    );

    // every kind of completion occurs: the traps as well as the injuries, and the long tail
    let pools: HashSet<&str> = snippets
        .iter()
        .map(|s| s.template.split('/').next().unwrap_or(""))
        .collect();
    for pool in [
        "neutral",
        "vocabulary",
        "figurative",
        "negated",
        "threat",
        "remention",
        "dead_remention",
        "explicit",
        "long_tail",
        "death",
        "implied",
        "past",
        "self",
        "animal",
        "escalation",
        "other_victim",
        "unsure",
        "echo",
    ] {
        assert!(
            pools.contains(pool),
            "no `{pool}` completion among {n} snippets"
        );
    }
    let mut agree = 0;
    let mut positive = 0;
    for ws in &snippets {
        let label = oracle.label(&ws.snippet).unwrap();
        agree += usize::from(label == ws.intended);
        positive += usize::from(label != Label::NonInjurious);
    }
    let share = positive as f64 / n as f64;
    let (lo, hi) = storyworld::world::DEFAULT_SHARE_BAND;
    println!("agreement {agree}/{n}, injurious-or-unsure share {share:.4}");
    assert!(
        (lo..=hi).contains(&share),
        "share {share} outside {lo}–{hi}"
    );
    // the world's own text must be labeled as the world means it: allow 0.1% slack
    assert!(agree as f64 >= 0.999 * n as f64, "agreement {agree}/{n}");
}

#[test]
fn the_share_is_tunable() {
    let oracle = common::oracle();
    let n = 4_000;
    let target = 0.10;
    let world = World::new(WorldConfig {
        initial_injurious_share: target,
        ..WorldConfig::default()
    })
    .unwrap();
    let data = world.initial_dataset(n, &oracle).unwrap();
    let share = data
        .examples()
        .iter()
        .filter(|e| e.label != Label::NonInjurious)
        .count() as f64
        / n as f64;
    // binomial standard deviation at n = 4000, p = 0.10 is 0.0047: allow four of them
    assert!(
        (share - target).abs() < 4.0 * (target * (1.0 - target) / n as f64).sqrt(),
        "{share}"
    );
}

#[test]
fn datasets_carry_sources_judgements_and_egregiousness() {
    let oracle = common::oracle().with_id("oracle-7");
    let world = World::new(WorldConfig::default()).unwrap();
    let initial = world.initial_dataset(300, &oracle).unwrap();
    assert_eq!(initial.len(), 300);
    for e in initial.examples() {
        assert_eq!(e.source, Source::InitialStories);
        assert_eq!(e.judgements.len(), 1);
        assert_eq!(e.judgements[0].labeler, "oracle-7");
        assert_eq!(e.judgements[0].label, e.label);
        let g = e.provenance.egregiousness.unwrap();
        assert_eq!(g == 1, e.label == Label::NonInjurious);
    }
    let test = world.in_distribution_test(2_000, &oracle).unwrap();
    assert!(
        test.examples()
            .iter()
            .all(|e| e.source == Source::InDistributionTest)
    );
    let share = test
        .examples()
        .iter()
        .filter(|e| e.label != Label::NonInjurious)
        .count() as f64
        / 2_000.0;
    // no sub-selection: the expected share is world::expected_share(BASE_DANGER) ≈ 4%
    let expected = storyworld::world::expected_share(storyworld::world::BASE_DANGER);
    assert!((share - expected).abs() < 0.02, "{share} vs {expected}");
}

#[test]
fn the_corpus_holds_whole_stories() {
    let world = World::new(WorldConfig::default()).unwrap();
    for i in 0..200 {
        let sentences = world.story_sentences(i);
        assert!(
            (5..=8).contains(&sentences.len()),
            "story {i}: {} sentences",
            sentences.len()
        );
        assert_eq!(world.story(i), sentences.join(" "));
    }
    let stories: Vec<String> = world.corpus(100).collect();
    assert_eq!(stories.len(), 100);
    let distinct: HashSet<_> = stories.iter().collect();
    assert_eq!(distinct.len(), 100);
}
