//! The filtered generator with deterministic toy filters over the fixture model.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use generator::{
    Decoding, Filter, FilterConfig, FilterError, FilteredGenerator, FilteredOutcome,
    GenerationConfig, Generator, GeneratorError, SamplingConfig, StopAt,
};
use labels::Snippet;
use tch::Device;

fn generator() -> Generator {
    Generator::from_pretrained(common::fixture("gpt_neo_tiny_local"), Device::Cpu).unwrap()
}

/// Scores each snippet by a hash of its completion, uniform in [0, 1): a deterministic
/// stand-in for a classifier. Records every batch it sees.
#[derive(Clone, Default)]
struct HashFilter {
    batches: Rc<RefCell<Vec<ScoredBatch>>>,
}

/// The completions of one batch with their scores.
type ScoredBatch = Vec<(String, f64)>;

fn hash_score(text: &str) -> f64 {
    // FNV-1a, top 53 bits
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h >> 11) as f64 / (1u64 << 53) as f64
}

impl Filter for HashFilter {
    fn id(&self) -> &str {
        "hash"
    }
    fn score_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<f64>, FilterError> {
        let scores: Vec<f64> = snippets.iter().map(|s| hash_score(&s.completion)).collect();
        self.batches.borrow_mut().push(
            snippets
                .iter()
                .map(|s| s.completion.clone())
                .zip(scores.iter().copied())
                .collect(),
        );
        Ok(scores)
    }
}

/// Returns a fixed score for everything (or misbehaves, to test the contract).
struct FixedFilter(Vec<f64>, usize);

impl Filter for FixedFilter {
    fn id(&self) -> &str {
        "fixed"
    }
    fn score_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<f64>, FilterError> {
        self.1 += 1;
        match self.0.as_slice() {
            [] => Err("the classifier is down".into()),
            [s] => Ok(vec![*s; snippets.len()]),
            many => Ok(many.to_vec()),
        }
    }
}

fn config(threshold: f64, max_attempts: usize, batch_size: usize) -> FilterConfig {
    FilterConfig {
        threshold,
        max_attempts,
        batch_size,
        generation: GenerationConfig {
            max_new_tokens: 12,
            decoding: Decoding::Sample(SamplingConfig::default()),
            stop: StopAt::Sentence,
            use_cache: true,
        },
    }
}

const PROMPT: &str =
    "The knight rode into the village. She picked up the lantern. Nobody had seen the baker.";

#[test]
fn accepts_the_first_candidate_under_the_threshold() {
    let g = generator();
    let filter = HashFilter::default();
    let batches = filter.batches.clone();
    let mut fg = FilteredGenerator::new(&g, filter, config(0.2, 100, 8), 42).unwrap();
    let mut accepted_any = false;
    for _ in 0..5 {
        let before = batches.borrow().iter().map(Vec::len).sum::<usize>();
        let result = fg.complete(PROMPT).unwrap();
        let seen: Vec<(String, f64)> = batches
            .borrow()
            .iter()
            .flatten()
            .skip(before)
            .cloned()
            .collect();
        assert_eq!(seen.len(), result.scored);
        match &result.outcome {
            FilteredOutcome::Accepted { completion, score } => {
                accepted_any = true;
                assert!(*score < 0.2);
                assert_eq!(*score, hash_score(&completion.text));
                // every scored candidate before the accepted one was rejected
                let position = seen
                    .iter()
                    .position(|(t, s)| *t == completion.text && s == score)
                    .unwrap();
                assert!(seen[..position].iter().all(|(_, s)| *s >= 0.2));
                assert!(result.attempts <= result.sampled && result.sampled <= 100);
                assert_eq!(result.sampled % 8, 0, "candidates come in batches of 8");
            }
            FilteredOutcome::NothingPassed { .. } => assert_eq!(result.sampled, 100),
        }
    }
    assert!(
        accepted_any,
        "a uniform score passes 0.2 about one time in five"
    );
    // every batch the filter saw had at most 8 snippets
    assert!(
        batches
            .borrow()
            .iter()
            .all(|b| !b.is_empty() && b.len() <= 8)
    );
    let stats = fg.stats();
    assert_eq!(stats.prompts, 5);
    assert_eq!(stats.filter_calls, batches.borrow().len());
    assert!(stats.acceptance_rate() > 0.0 && stats.acceptance_rate() < 1.0);
}

#[test]
fn says_so_when_nothing_passes() {
    let g = generator();
    let mut fg =
        FilteredGenerator::new(&g, FixedFilter(vec![0.9], 0), config(0.5, 25, 10), 1).unwrap();
    let result = fg.complete(PROMPT).unwrap();
    assert!(result.accepted().is_none());
    assert_eq!(result.attempts, 25);
    assert_eq!(result.sampled, 25);
    assert_eq!(result.passed, 0);
    assert_eq!(result.acceptance_rate(), 0.0);
    match result.outcome {
        FilteredOutcome::NothingPassed { lowest_score } => {
            // 0.9 unless all 25 candidates were empty
            assert!(lowest_score.is_none_or(|s| s == 0.9));
        }
        other => panic!("{other:?}"),
    }
    // 25 candidates in batches of 10, 10, 5: three filter calls (fewer only if a batch
    // had nothing but empty completions)
    assert!(fg.filter().1 <= 3 && fg.stats().filter_calls == fg.filter().1);
}

#[test]
fn runs_are_reproducible() {
    let g = generator();
    let run = |seed| {
        let mut fg =
            FilteredGenerator::new(&g, HashFilter::default(), config(0.3, 40, 5), seed).unwrap();
        fg.complete_all(&[PROMPT, "\"Are you coming?\" asked Mara."])
            .unwrap()
    };
    assert_eq!(run(9), run(9));
}

#[test]
fn misbehaving_filters_and_bad_settings_are_errors() {
    let g = generator();
    let down = FilteredGenerator::new(&g, FixedFilter(vec![], 0), config(0.5, 10, 5), 0)
        .unwrap()
        .complete(PROMPT);
    assert!(
        matches!(down, Err(GeneratorError::Filter { .. })),
        "{down:?}"
    );
    // two scores, whatever the batch size
    let short = FilteredGenerator::new(&g, FixedFilter(vec![0.1, 0.2], 0), config(0.5, 10, 5), 0)
        .unwrap()
        .complete(PROMPT);
    assert!(
        matches!(short, Err(GeneratorError::FilterContract { .. })),
        "{short:?}"
    );
    let nan = FilteredGenerator::new(&g, FixedFilter(vec![f64::NAN], 0), config(0.5, 10, 5), 0)
        .unwrap()
        .complete(PROMPT);
    assert!(
        matches!(nan, Err(GeneratorError::FilterContract { .. })),
        "{nan:?}"
    );
    for bad in [
        config(0.0, 10, 5),
        config(0.5, 0, 5),
        config(0.5, 10, 0),
        FilterConfig {
            generation: GenerationConfig {
                decoding: Decoding::Greedy,
                ..config(0.5, 10, 5).generation
            },
            ..config(0.5, 10, 5)
        },
    ] {
        assert!(FilteredGenerator::new(&g, HashFilter::default(), bad, 0).is_err());
    }
}
