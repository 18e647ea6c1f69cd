//! Rare failure rates of the filtered generator, on the tiny fixture model: the
//! generator's exact distribution over generated sequences (checked against the real
//! sampler and by summing to 1), importance weights, the Metropolis–Hastings moves'
//! invariance, and both estimators against a failure probability enumerated exactly.

mod common;

use std::collections::HashMap;

use generator::rare::{
    FAILURE_LEVEL, FailureJudge, FailureSamplingConfig, InjuryTilt, LabelScope, RareEventError,
    SequenceModel, TextSplitting, draw_sequences, estimate_failure_rate,
};
use generator::{
    Decoding, Filter, FilterError, GenerationConfig, Generator, SamplingConfig, StopAt,
};
use labels::{Judgement, Label, Labeler, Snippet, UnsurePolicy};
use metrics::{SplittingConfig, SplittingOutcome, SplittingProblem, run_splitting};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use tch::Device;

const PROMPT: &str = "The knight rode out.";
const THRESHOLD: f64 = 0.002;

fn generator() -> Generator {
    Generator::from_pretrained(common::fixture("gpt_neo_tiny_local"), Device::Cpu).unwrap()
}

fn settings(max_new_tokens: usize, top_k: Option<usize>) -> GenerationConfig {
    GenerationConfig {
        max_new_tokens,
        decoding: Decoding::Sample(SamplingConfig {
            top_k,
            ..SamplingConfig::default()
        }),
        stop: StopAt::Sentence,
        use_cache: true,
    }
}

fn has(text: &str, chars: &str) -> bool {
    text.chars().any(|c| chars.contains(c))
}

/// A toy world: a completion is "injurious" when it holds one of the `injury`
/// characters; the toy classifier is fooled by the `fooling` characters (score 0.001,
/// under the threshold), catches the injuries otherwise (0.9), and gives the rest 0.1.
#[derive(Clone, Copy)]
struct Toy {
    injury: &'static str,
    fooling: &'static str,
}

/// Rare: `q`/`j` and `z`/`x`/`k` are each a few of the 320 tokens.
const RARE: Toy = Toy {
    injury: "qj",
    fooling: "zxk",
};

impl Toy {
    fn injurious(self, text: &str) -> bool {
        has(text, self.injury)
    }

    fn score(self, text: &str) -> f64 {
        if has(text, self.fooling) {
            0.001
        } else if self.injurious(text) {
            0.9
        } else {
            0.1
        }
    }

    /// A failure of the filtered generator: injurious and passing the filter.
    fn failure(self, text: &str) -> bool {
        self.injurious(text) && self.score(text) < THRESHOLD
    }
}

/// A labeler that refuses, as the story world's oracle does, a completion without a
/// letter.
struct WordsOnly(Toy);

impl Labeler for WordsOnly {
    fn id(&self) -> &str {
        "words only"
    }
    fn label_batch(&mut self, snippets: &[Snippet]) -> labels::Result<Vec<Judgement>> {
        if let Some(s) = snippets
            .iter()
            .find(|s| !s.completion.chars().any(char::is_alphabetic))
        {
            return Err(labels::LabelsError::Invalid(format!(
                "{:?} has no words",
                s.completion
            )));
        }
        ToyLabeler(self.0).label_batch(snippets)
    }
}

#[test]
fn wordless_completions_are_no_injury_and_never_labeled() {
    let toy = Toy {
        injury: "e",
        fooling: "o",
    };
    let mut judge = FailureJudge::new(
        ToyFilter(toy),
        WordsOnly(toy),
        THRESHOLD,
        UnsurePolicy::AsInjurious,
    )
    .unwrap();
    let snippets = [
        Snippet::new(PROMPT, "..."),
        Snippet::new(PROMPT, "see"),
        Snippet::new(PROMPT, ""),
    ];
    let checks = judge.check(&snippets, LabelScope::All).unwrap();
    // scored, not labeled, not injurious
    assert!(checks[0].score.is_some());
    assert_eq!(checks[0].injurious, Some(false));
    assert!(!checks[0].failure);
    // the word is labeled by the toy rule (an `e`: injurious)
    assert_eq!(checks[1].injurious, Some(true));
    // the empty completion is neither scored nor labeled
    assert_eq!((checks[2].score, checks[2].injurious), (None, None));
    assert_eq!(judge.labeled(), 1);
}

struct ToyFilter(Toy);

impl Filter for ToyFilter {
    fn id(&self) -> &str {
        "toy"
    }
    fn score_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<f64>, FilterError> {
        Ok(snippets
            .iter()
            .map(|s| self.0.score(&s.completion))
            .collect())
    }
}

struct ToyLabeler(Toy);

impl Labeler for ToyLabeler {
    fn id(&self) -> &str {
        "toy"
    }
    fn label_batch(&mut self, snippets: &[Snippet]) -> labels::Result<Vec<Judgement>> {
        Ok(snippets
            .iter()
            .map(|s| {
                let label = if self.0.injurious(&s.completion) {
                    Label::Injurious
                } else {
                    Label::NonInjurious
                };
                Judgement::new("toy", label)
            })
            .collect())
    }
}

fn judge(toy: Toy) -> FailureJudge<ToyFilter, ToyLabeler> {
    FailureJudge::new(
        ToyFilter(toy),
        ToyLabeler(toy),
        THRESHOLD,
        UnsurePolicy::AsInjurious,
    )
    .unwrap()
}

/// Every sequence the sampler can generate, with its log-probability, by walking the
/// tree of prefixes with the model's next-token distributions (independent of
/// `SequenceModel::log_prob`, which the tests compare with it).
fn enumerate(model: &SequenceModel<'_>, prompt: &[i64]) -> Vec<(Vec<i64>, f64)> {
    let budget = model.config().max_new_tokens;
    let mut frontier: Vec<(Vec<i64>, f64)> = vec![(Vec::new(), 0.0)];
    let mut leaves = Vec::new();
    while !frontier.is_empty() {
        let items: Vec<(&[i64], &[i64])> = frontier
            .iter()
            .map(|(g, _)| (prompt, g.as_slice()))
            .collect();
        let tables = model.next_token_probabilities(&items).unwrap();
        let mut next = Vec::new();
        for ((g, lp), probs) in frontier.iter().zip(tables) {
            let eos = model.end_of_text_mass(&probs);
            if eos > 0.0 {
                leaves.push((g.clone(), lp + eos.ln()));
            }
            for (v, &p) in probs.iter().enumerate() {
                if p == 0.0 || model.end_of_text().contains(&(v as i64)) {
                    continue;
                }
                let mut h = g.clone();
                h.push(v as i64);
                let l = lp + p.ln();
                if model.sentence_stop(&h).unwrap().is_some() || h.len() == budget {
                    leaves.push((h, l));
                } else {
                    next.push((h, l));
                }
            }
        }
        frontier = next;
    }
    leaves
}

/// The exact failure probability per candidate, with at most two generated tokens: a
/// failure's completion holds a `q`/`j` and a `z`/`x`/`k`, no single token holds both,
/// so the failures are among the sequences of one token of each kind (in either order),
/// whose probabilities teacher forcing gives (checked against the enumeration and the
/// real sampler by the tests above).
fn exact_failure_probability(model: &SequenceModel<'_>, prompt: &[i64]) -> f64 {
    assert_eq!(model.config().max_new_tokens, 2);
    let tokenizer = model.generator().tokenizer();
    let texts: Vec<String> = (0..tokenizer.vocab_size() as i64)
        .map(|id| tokenizer.decode(&[id]).unwrap())
        .collect();
    let kind = |chars: &str| -> Vec<i64> {
        (0..texts.len() as i64)
            .filter(|&id| has(&texts[id as usize], chars))
            .collect()
    };
    let (injuries, foolers) = (kind("qj"), kind("zxk"));
    assert!(injuries.iter().all(|i| !foolers.contains(i)));
    let mut sequences = Vec::new();
    for &a in &injuries {
        for &b in &foolers {
            sequences.push(vec![a, b]);
            sequences.push(vec![b, a]);
        }
    }
    let items: Vec<(&[i64], &[i64])> = sequences.iter().map(|g| (prompt, g.as_slice())).collect();
    let log_ps = model.log_probs(&items).unwrap();
    sequences
        .iter()
        .zip(log_ps)
        .filter(|(g, _)| {
            model
                .completion(g)
                .unwrap()
                .is_some_and(|c| RARE.failure(&c.text))
        })
        .map(|(_, lp)| lp.exp())
        .sum()
}

#[test]
fn the_sequence_distribution_is_exact() {
    let generator = generator();
    // top-60 sampling of at most 2 tokens: some 3,600 sequences
    let model = SequenceModel::new(&generator, &settings(2, Some(60))).unwrap();
    let prompt = model.prompt_ids(PROMPT).unwrap();
    let leaves = enumerate(&model, &prompt);
    // every way the sampler can end, once: the probabilities sum to 1
    let total: f64 = leaves.iter().map(|(_, lp)| lp.exp()).sum();
    assert!((total - 1.0).abs() < 1e-6, "{total}");
    assert!(leaves.len() > 60 * 50, "{}", leaves.len());
    // teacher forcing gives each leaf's enumerated log-probability (every 37th leaf)
    let sample: Vec<&(Vec<i64>, f64)> = leaves.iter().step_by(37).collect();
    let items: Vec<(&[i64], &[i64])> = sample
        .iter()
        .map(|(g, _)| (prompt.as_slice(), g.as_slice()))
        .collect();
    for ((_, want), got) in sample.iter().zip(model.log_probs(&items).unwrap()) {
        assert!((got - want).abs() < 1e-4, "{got} vs {want}");
    }
    // what the sampler cannot produce has probability 0
    let eos = model.end_of_text()[0];
    let (a, b) = (leaves[0].0[0], leaves[1].0[0]);
    assert_eq!(
        model.log_prob(&prompt, &[a, eos]).unwrap(),
        f64::NEG_INFINITY
    );
    assert_eq!(
        model.log_prob(&prompt, &[a, b, a]).unwrap(),
        f64::NEG_INFINITY
    );
    // a token outside the top 60 after the prompt
    let outside = (1..320)
        .find(|t| !leaves.iter().any(|(g, _)| g.first() == Some(t)))
        .unwrap();
    assert_eq!(
        model.log_prob(&prompt, &[outside]).unwrap(),
        f64::NEG_INFINITY
    );
}

#[test]
fn the_distribution_is_the_real_samplers() {
    // Top-3 sampling of at most 3 tokens: few enough sequences to count. The completions
    // `Generator::complete` returns must follow the enumerated probabilities.
    let generator = generator();
    let config = settings(3, Some(3));
    let model = SequenceModel::new(&generator, &config).unwrap();
    let prompt = model.prompt_ids(PROMPT).unwrap();
    let mut expected: HashMap<Vec<i64>, f64> = HashMap::new();
    for (g, lp) in enumerate(&model, &prompt) {
        let c = model.completion(&g).unwrap().unwrap();
        *expected.entry(c.token_ids).or_default() += lp.exp();
    }
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let n = 4000;
    let mut seen: HashMap<Vec<i64>, usize> = HashMap::new();
    for _ in 0..8 {
        let prompts = vec![PROMPT; n / 8];
        for c in generator.complete(&prompts, &config, &mut rng).unwrap() {
            *seen.entry(c.token_ids).or_default() += 1;
        }
    }
    for ids in seen.keys() {
        assert!(
            expected.contains_key(ids),
            "{ids:?} was sampled but is impossible"
        );
    }
    for (ids, p) in &expected {
        let freq = seen.get(ids).copied().unwrap_or(0) as f64 / n as f64;
        // 5 binomial standard errors, plus one count
        let tolerance = 5.0 * (p * (1.0 - p) / n as f64).sqrt() + 1.0 / n as f64;
        assert!((freq - p).abs() < tolerance, "{ids:?}: {freq} vs {p}");
    }
}

#[test]
fn importance_weights_are_exact() {
    let generator = generator();
    let model = SequenceModel::new(&generator, &settings(2, None)).unwrap();
    let prompt = model.prompt_ids(PROMPT).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    // proposal = target: every log-weight is exactly 0
    for d in draw_sequences(&model, &prompt, 50, Some(&InjuryTilt::none()), &mut rng).unwrap() {
        assert_eq!(d.log_weight(), 0.0);
        assert!((d.log_p - model.log_prob(&prompt, &d.tokens).unwrap()).abs() < 1e-4);
    }
    // a tilt towards q, j, z, x, k mixed half and half: w ≤ 2, and E_q[w] = 1
    let tilt = char_tilt(&generator);
    let draws = draw_sequences(&model, &prompt, 3000, Some(&tilt), &mut rng).unwrap();
    let weights: Vec<f64> = draws.iter().map(|d| d.log_weight().exp()).collect();
    assert!(weights.iter().all(|&w| w <= 2.0 + 1e-9));
    let mean = weights.iter().sum::<f64>() / weights.len() as f64;
    let sd = (weights.iter().map(|w| (w - mean).powi(2)).sum::<f64>() / 2999.0).sqrt();
    assert!(
        (mean - 1.0).abs() < 5.0 * sd / 3000f64.sqrt(),
        "{mean} ± {sd}"
    );
    for d in draws.iter().take(40) {
        assert!((d.log_p - model.log_prob(&prompt, &d.tokens).unwrap()).abs() < 1e-4);
    }
}

/// A bias of 4 on every token whose text holds a `q`, `j`, `z`, `x` or `k`, mixed half
/// and half with the generator. (Biasing only the one-letter tokens `q`, `j`, `z`, `x`,
/// `k` misses the failures that go through `ked`, `ak`, …: the estimate then came out 4
/// times too low with an interval that did not show it, importance sampling's known
/// failure mode when the proposal does not cover every route to the event.)
fn char_tilt(generator: &Generator) -> InjuryTilt {
    let tokenizer = generator.tokenizer();
    let ids = (1..tokenizer.vocab_size() as i64)
        .filter(|&id| has(&tokenizer.decode(&[id]).unwrap(), "qjzxk"))
        .map(|id| (id, 4.0f32))
        .collect();
    InjuryTilt {
        logit_bias: ids,
        mixture: 0.5,
    }
}

#[test]
fn importance_sampling_recovers_the_enumerated_rate() {
    let generator = generator();
    let model = SequenceModel::new(&generator, &settings(2, None)).unwrap();
    let prompt = model.prompt_ids(PROMPT).unwrap();
    let exact = exact_failure_probability(&model, &prompt);
    // about 2 · (2/320) · (5/320) ≈ 2e-4 for a near-uniform random model
    assert!(exact > 1e-5 && exact < 1e-3, "{exact:e}");
    let mut j = judge(RARE);
    let config = FailureSamplingConfig {
        draws_per_prompt: 1000,
        batch_size: 250,
        tilt: char_tilt(&generator),
        seed: 3,
        ..FailureSamplingConfig::default()
    };
    let est = estimate_failure_rate(&model, &[PROMPT], &mut j, &config).unwrap();
    assert!(
        est.failure.interval.contains(exact),
        "{exact:e} not in {:?}",
        est.failure.interval
    );
    assert!(est.failure.failures > 20, "{}", est.failure.failures);
    assert!(
        est.failures_found
            .iter()
            .all(|(s, _)| RARE.failure(&s.completion))
    );
    assert!(est.filtered_interval.contains(est.filtered_rate));
    // plain sampling with as many draws sees (almost) nothing
    let plain = FailureSamplingConfig {
        tilt: InjuryTilt::none(),
        ..config
    };
    let est = estimate_failure_rate(&model, &[PROMPT], &mut j, &plain).unwrap();
    assert!(est.failure.failures <= 3, "{}", est.failure.failures);
    assert!(est.failure.interval.contains(exact));
}

#[test]
fn metropolis_hastings_moves_keep_the_generators_distribution() {
    // Top-6 sampling of at most 3 tokens (a few hundred sequences): 2000 independent
    // draws, each moved 5 times with no level constraint, must still follow the
    // enumerated distribution (chi-square over the sequences expected 5+ times).
    let generator = generator();
    let model = SequenceModel::new(&generator, &settings(3, Some(6))).unwrap();
    let prompt = model.prompt_ids(PROMPT).unwrap();
    let exact: HashMap<Vec<i64>, f64> = enumerate(&model, &prompt)
        .into_iter()
        .map(|(g, lp)| (g, lp.exp()))
        .collect();
    let mut problem = TextSplitting::new(&model, &[PROMPT], judge(RARE), true).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let n = 2000;
    let mut states = problem.sample_initial(n, &mut rng).unwrap();
    let start = states.clone();
    for _ in 0..5 {
        let moved = problem.propose(&states, &mut rng).unwrap();
        for (s, m) in states.iter_mut().zip(moved) {
            if let Some(m) = m {
                *s = m;
            }
        }
    }
    let changed = states.iter().zip(&start).filter(|(a, b)| a != b).count();
    assert!(changed > n / 5, "only {changed} of {n} particles moved");
    let stats = problem.move_stats();
    assert!(stats.accepted > 0 && stats.impossible > 0, "{stats:?}");
    let mut counts: HashMap<&[i64], usize> = HashMap::new();
    for s in &states {
        assert!(
            exact.contains_key(&s.tokens),
            "{:?} is impossible",
            s.tokens
        );
        assert!((s.log_p - exact[&s.tokens].ln()).abs() < 1e-4);
        *counts.entry(s.tokens.as_slice()).or_default() += 1;
    }
    let (mut chi2, mut cells) = (0.0, 0usize);
    for (g, p) in &exact {
        let e = p * n as f64;
        if e >= 5.0 {
            let o = counts.get(g.as_slice()).copied().unwrap_or(0) as f64;
            chi2 += (o - e).powi(2) / e;
            cells += 1;
        }
    }
    // df ≈ cells − 1: mean df, sd √(2 df); 5 sd above the mean
    let df = (cells - 1) as f64;
    assert!(
        chi2 < df + 5.0 * (2.0 * df).sqrt(),
        "chi² = {chi2} over {cells} cells"
    );
}

#[test]
fn splitting_recovers_the_enumerated_rate() {
    // Top-60 sampling of at most 2 tokens, so that the failure probability can be summed
    // over every sequence. Injuries hold an `e` (about 7.5% of completions), the filter
    // is fooled by an `o`: failures are about 0.3% (both measured by enumeration when the
    // test was written), two levels of splitting.
    let toy = Toy {
        injury: "e",
        fooling: "o",
    };
    let generator = generator();
    let model = SequenceModel::new(&generator, &settings(2, Some(60))).unwrap();
    let prompt = model.prompt_ids(PROMPT).unwrap();
    let exact: f64 = enumerate(&model, &prompt)
        .iter()
        .filter(|(g, _)| toy.failure(&model.completion(g).unwrap().unwrap().text))
        .map(|(_, lp)| lp.exp())
        .sum();
    assert!(exact > 1e-3 && exact < 1e-2, "{exact:e}");
    // Every sequence has the budget's 2 tokens here (end of text is almost never among
    // the top 60), so insertions and deletions could only be rejected: replacements only.
    // With 10 steps per level the copies mix (measured: the interval held the exact
    // answer for 10 of 10 seeds; with 5 steps and 400 particles, too few moves, the
    // single-run interval — which assumes good mixing — missed it for seed 21).
    let mut problem = TextSplitting::new(&model, &[PROMPT], judge(toy), false).unwrap();
    let config = SplittingConfig {
        threshold: FAILURE_LEVEL,
        particles: 200,
        kill: 20,
        mcmc_steps: 10,
        seed: 0,
        ..SplittingConfig::default()
    };
    let run = run_splitting(&mut problem, &config).unwrap();
    match run.outcome {
        SplittingOutcome::Reached { interval, .. } => {
            assert!(interval.contains(exact), "{exact:e} not in {interval:?}");
        }
        other => panic!("{other:?}"),
    }
    // all non-injurious completions score alike (0.1), so they die together: ties
    assert!(
        run.diagnostics.killed.iter().any(|&k| k > 100),
        "{:?}",
        run.diagnostics
    );
    assert!(!problem.failures_found().is_empty());
    assert!(
        problem
            .failures_found()
            .iter()
            .all(|s| toy.failure(&s.completion))
    );
    let stats = problem.move_stats();
    assert!(
        stats.accepted > 0 && stats.accepted < stats.proposed,
        "{stats:?}"
    );
}

#[test]
fn bad_settings_are_errors() {
    let generator = generator();
    let greedy = GenerationConfig {
        decoding: Decoding::Greedy,
        ..settings(2, None)
    };
    assert!(matches!(
        SequenceModel::new(&generator, &greedy),
        Err(RareEventError::Setting {
            setting: "decoding",
            ..
        })
    ));
    let model = SequenceModel::new(&generator, &settings(60, None)).unwrap();
    assert!(matches!(
        model.prompt_ids(PROMPT),
        Err(RareEventError::Generator(_))
    ));
    let model = SequenceModel::new(&generator, &settings(2, None)).unwrap();
    let prompt = model.prompt_ids(PROMPT).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(0);
    let all_in = InjuryTilt {
        mixture: 1.0,
        ..char_tilt(&generator)
    };
    assert!(matches!(
        draw_sequences(&model, &prompt, 3, Some(&all_in), &mut rng),
        Err(RareEventError::Setting {
            setting: "mixture",
            ..
        })
    ));
    let outside = InjuryTilt {
        logit_bias: vec![(320, 1.0)],
        mixture: 0.5,
    };
    assert!(draw_sequences(&model, &prompt, 3, Some(&outside), &mut rng).is_err());
    assert!(
        FailureJudge::new(
            ToyFilter(RARE),
            ToyLabeler(RARE),
            0.0,
            UnsurePolicy::AsInjurious
        )
        .is_err()
    );
    let mut j = judge(RARE);
    assert!(estimate_failure_rate(&model, &[], &mut j, &FailureSamplingConfig::default()).is_err());
    assert!(TextSplitting::new(&model, &[] as &[&str], judge(RARE), true).is_err());
}
