//! The ndarray arrays the crate hands back hold exactly the numbers of the vectors they
//! stand beside: a trace's scores, and a counter's batch scores (with the same queries,
//! evaluations and cache).

mod common;

use attacks::{Attack, Budget, QueryCounter, ToolAssistedAttack, ToolAssistedConfig};
use labels::Snippet;

#[test]
fn a_traces_scores_as_an_array() {
    let target = common::target();
    let suggester = common::suggester();
    let mut labeler = common::labeler();
    let mut attack = ToolAssistedAttack::new(ToolAssistedConfig::default(), &suggester);
    let outcome = attack
        .run(
            Some(&common::seeds()[0]),
            &target,
            &mut labeler,
            Budget::evaluations(500),
        )
        .unwrap();
    let scores = outcome.trace.scores();
    assert!(scores.len() > 2);
    let array = outcome.trace.scores_array();
    assert_eq!(array.len(), scores.len());
    for (a, s) in array.iter().zip(&scores) {
        assert_eq!(a.to_bits(), s.to_bits());
    }
}

#[test]
fn a_counters_batch_scores_as_an_array() {
    let target = common::target();
    let snippets = [
        Snippet::new("Mara was angry.", "Mara stabbed Tom with a knife."),
        Snippet::new("Mara was angry.", "Mara scratched Tom with a pen."),
        Snippet::new("Mara was angry.", "Mara stabbed Tom with a knife."),
    ];
    let mut plain = QueryCounter::new(&target, Budget::unlimited()).unwrap();
    let mut arrays = QueryCounter::new(&target, Budget::unlimited()).unwrap();
    for _ in 0..2 {
        let scores = plain.score_batch(&snippets).unwrap();
        let array = arrays.score_batch_array(&snippets).unwrap();
        assert_eq!(array.to_vec(), scores);
        assert_eq!(arrays.queries(), plain.queries());
        assert_eq!(arrays.evaluations(), plain.evaluations());
        assert_eq!(arrays.cache_hits(), plain.cache_hits());
    }
    // the second round came from the cache; a budget stops both alike
    assert_eq!(plain.evaluations(), 2);
    let mut tight = QueryCounter::new(&target, Budget::evaluations(1)).unwrap();
    assert!(tight.score_batch_array(&snippets).is_err());
}
