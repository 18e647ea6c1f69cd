//! Choosing the next token from logits: greedy, or sampling with temperature, top-k and
//! top-p (nucleus), applied in that order as transformers' logits warpers are, drawn from
//! a seeded [`ChaCha8Rng`] so that every run is reproducible.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::{GeneratorError, Result};

/// Settings of random sampling.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SamplingConfig {
    /// Logits are divided by it before anything else (> 0; 1 leaves them as they are).
    pub temperature: f64,
    /// Keep only the `k` most likely tokens (ties with the k-th kept too); `None`: all.
    pub top_k: Option<usize>,
    /// Keep the most likely tokens until their probability reaches `p` (the token that
    /// crosses it included; at least one token), in (0, 1]; `None`: all.
    pub top_p: Option<f64>,
}

impl Default for SamplingConfig {
    /// Plain sampling from the model's distribution.
    fn default() -> Self {
        SamplingConfig {
            temperature: 1.0,
            top_k: None,
            top_p: None,
        }
    }
}

impl SamplingConfig {
    /// Checks every setting's range.
    pub fn validate(&self) -> Result<()> {
        if !(self.temperature.is_finite() && self.temperature > 0.0) {
            return Err(GeneratorError::setting(
                "temperature",
                format!(
                    "{} must be positive and finite (use greedy decoding for 0)",
                    self.temperature
                ),
            ));
        }
        if self.top_k == Some(0) {
            return Err(GeneratorError::setting("top_k", "must be at least 1"));
        }
        if let Some(p) = self.top_p
            && !(p > 0.0 && p <= 1.0)
        {
            return Err(GeneratorError::setting(
                "top_p",
                format!("{p} is not in (0, 1]"),
            ));
        }
        Ok(())
    }
}

/// How the next token is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Decoding {
    /// The most likely token (the first of equal maxima, like `torch.argmax`).
    Greedy,
    /// A random draw from the warped distribution.
    Sample(SamplingConfig),
}

impl Decoding {
    /// Checks the sampling settings.
    pub fn validate(&self) -> Result<()> {
        match self {
            Decoding::Greedy => Ok(()),
            Decoding::Sample(config) => config.validate(),
        }
    }

    /// Chooses a token from one row of logits. Greedy draws nothing from `rng`; sampling
    /// draws exactly one number.
    pub fn choose(&self, logits: &[f32], rng: &mut ChaCha8Rng) -> usize {
        match self {
            Decoding::Greedy => argmax(logits),
            Decoding::Sample(config) => {
                let probs = softmax(&tempered(logits, config.temperature));
                let u: f64 = rng.random();
                sample_probabilities(&probs, config, u)
                    .unwrap_or_else(|| sample_with(logits, config, u))
            }
        }
    }
}

/// Index of the largest value (the first of ties; NaN never wins).
pub(crate) fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] || values[best].is_nan() && !v.is_nan() {
            best = i;
        }
    }
    best
}

/// `logits / temperature` in f64, a NaN logit scored `-inf` (never drawn).
fn tempered(logits: &[f32], temperature: f64) -> Vec<f64> {
    logits
        .iter()
        .map(|&l| {
            if l.is_nan() {
                f64::NEG_INFINITY
            } else {
                f64::from(l) / temperature
            }
        })
        .collect()
}

/// The probabilities that sampling draws from: temperature, top-k, top-p, softmax.
/// Removed tokens get probability 0.
pub fn warped_probabilities(logits: &[f32], config: &SamplingConfig) -> Vec<f64> {
    let mut scores = tempered(logits, config.temperature);
    if let Some(k) = config.top_k
        && k < scores.len()
    {
        let mut sorted = scores.clone();
        sorted.sort_unstable_by(|a, b| b.total_cmp(a));
        let threshold = sorted[k - 1];
        for s in scores.iter_mut().filter(|s| **s < threshold) {
            *s = f64::NEG_INFINITY;
        }
    }
    let mut probs = softmax(&scores);
    if let Some(p) = config.top_p
        && p < 1.0
    {
        let mut order: Vec<usize> = (0..probs.len()).collect();
        order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
        // Keep a token when the mass strictly before it (in decreasing order) is under p:
        // transformers' TopPLogitsWarper, which removes tokens whose ascending cumulative
        // mass is at most 1 - p.
        let mut before = 0.0;
        let mut keep = vec![false; probs.len()];
        for (rank, &i) in order.iter().enumerate() {
            keep[i] = rank == 0 || before < p;
            before += probs[i];
        }
        for (s, kept) in scores.iter_mut().zip(&keep) {
            if !kept {
                *s = f64::NEG_INFINITY;
            }
        }
        probs = softmax(&scores);
    }
    probs
}

fn softmax(scores: &[f64]) -> Vec<f64> {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        // nothing is possible: fall back to uniform rather than dividing by zero
        return vec![1.0 / scores.len() as f64; scores.len()];
    }
    let exps: Vec<f64> = scores.iter().map(|&s| (s - max).exp()).collect();
    let total: f64 = exps.iter().sum();
    exps.into_iter().map(|e| e / total).collect()
}

/// The reference draw: the first token (in vocabulary order) at which the cumulative
/// warped probability passes `u` (in [0, 1)).
pub(crate) fn sample_with(logits: &[f32], config: &SamplingConfig, u: f64) -> usize {
    let probs = warped_probabilities(logits, config);
    let mut cumulative = 0.0;
    let mut last_possible = 0;
    for (i, &p) in probs.iter().enumerate() {
        if p > 0.0 {
            cumulative += p;
            last_possible = i;
            if u < cumulative {
                return i;
            }
        }
    }
    // rounding left the total a hair under u: the last possible token
    last_possible
}

/// Buckets of the nucleus search: 256 per factor of two of probability, 16 factors of two
/// below the most likely token; anything smaller shares the last bucket.
const BUCKETS: usize = 4096;

/// The bucket of a positive probability whose `f64` bits, shifted, are `key`, under the
/// most likely token's `top_key` (positive doubles order like their bits).
fn bucket_of(top_key: u64, key: u64) -> usize {
    (top_key.saturating_sub(key) as usize).min(BUCKETS - 1)
}

/// The draw [`sample_with`] makes, from `probs` = softmax(logits / temperature) (NaN
/// logits as zero), without sorting the vocabulary: top-k is a selection, top-p a
/// histogram of the probabilities (one pass) and a sort of the one bucket the nucleus
/// ends in. The kept tokens and the draw are the reference's, up to the rounding of sums
/// taken in another order. `None` when `probs` is degenerate (NaN, or no mass): the caller
/// falls back to the reference.
pub(crate) fn sample_probabilities(
    probs: &[f64],
    config: &SamplingConfig,
    u: f64,
) -> Option<usize> {
    if probs.is_empty() || probs.iter().any(|p| p.is_nan()) {
        return None;
    }
    // top-k on probabilities: the same tokens as on scores (softmax is monotone; tokens
    // whose probability underflows to 0 are never drawn either way)
    let floor = match config.top_k {
        Some(k) if k < probs.len() => {
            let mut copy = probs.to_vec();
            let (_, kth, _) = copy.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
            *kth
        }
        _ => 0.0,
    };
    let candidate = |q: f64| q > 0.0 && q >= floor;
    let (mut mass, mut top) = (0.0, 0.0f64);
    for &q in probs {
        if candidate(q) {
            mass += q;
            top = top.max(q);
        }
    }
    if mass <= 0.0 {
        return None;
    }
    let Some(p) = config.top_p.filter(|&p| p < 1.0) else {
        return Some(draw(probs, u * mass, |_, q| candidate(q)));
    };
    // The nucleus: tokens by probability (ties by id) while the mass before them is under
    // p of the candidates' mass. A histogram of the candidates (bucket 0 holds the most
    // likely) finds the bucket it ends in; only that bucket is sorted.
    let need = p * mass;
    let top_key = top.to_bits() >> 44;
    let mut bucket = vec![u16::MAX; probs.len()];
    let mut counts = vec![0u32; BUCKETS];
    let mut masses = vec![0f64; BUCKETS];
    for (i, &q) in probs.iter().enumerate() {
        if candidate(q) {
            let b = bucket_of(top_key, q.to_bits() >> 44);
            bucket[i] = b as u16;
            counts[b] += 1;
            masses[b] += q;
        }
    }
    let (mut before, mut count) = (0.0, 0usize);
    // (bucket, token) of the least likely kept token
    let mut last: Option<(u16, usize)> = None;
    'buckets: for b in 0..BUCKETS {
        if count >= 1 && before >= need {
            break;
        }
        if counts[b] == 0 {
            continue;
        }
        if before + masses[b] < need && b + 1 < BUCKETS {
            before += masses[b];
            count += counts[b] as usize;
            continue;
        }
        // the nucleus ends in this bucket: walk it in order
        let mut members: Vec<usize> = (0..probs.len())
            .filter(|&i| bucket[i] == b as u16)
            .collect();
        members.sort_by(|&a, &c| probs[c].total_cmp(&probs[a]).then(a.cmp(&c)));
        for i in members {
            if count >= 1 && before >= need {
                break 'buckets;
            }
            before += probs[i];
            count += 1;
            last = Some((b as u16, i));
        }
    }
    Some(match last {
        // every candidate is in the nucleus
        None => draw(probs, u * mass, |_, q| candidate(q)),
        Some((lb, l)) => {
            let ql = probs[l];
            let kept = |i: usize, q: f64| {
                let b = bucket[i];
                b < lb || (b == lb && (q > ql || (q == ql && i <= l)))
            };
            draw(probs, u * before, kept)
        }
    })
}

/// The first kept token (in vocabulary order) at which the kept probabilities' running
/// sum passes `target`; the last kept one if rounding leaves the sum short of it.
fn draw(probs: &[f64], target: f64, kept: impl Fn(usize, f64) -> bool) -> usize {
    let mut cumulative = 0.0;
    let mut last_possible = 0;
    for (i, &q) in probs.iter().enumerate() {
        if q > 0.0 && kept(i, q) {
            cumulative += q;
            last_possible = i;
            if target < cumulative {
                return i;
            }
        }
    }
    last_possible
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn greedy_takes_the_first_maximum() {
        assert_eq!(argmax(&[0.1, 3.0, -1.0, 3.0]), 1);
        assert_eq!(argmax(&[f32::NAN, -5.0]), 1);
    }

    #[test]
    fn temperature_scales_logits() {
        // logits ln(1), ln(2), ln(5) at temperature 1: probabilities 1/8, 2/8, 5/8; at
        // temperature 0.5 squared: 1/30, 4/30, 25/30 (closed forms).
        let logits = [0.0f32, 2f32.ln(), 5f32.ln()];
        let p1 = warped_probabilities(&logits, &SamplingConfig::default());
        for (got, want) in p1.iter().zip([0.125, 0.25, 0.625]) {
            assert!((got - want).abs() < 1e-6, "{p1:?}");
        }
        let cold = SamplingConfig {
            temperature: 0.5,
            ..SamplingConfig::default()
        };
        let p = warped_probabilities(&logits, &cold);
        for (got, want) in p.iter().zip([1.0 / 30.0, 4.0 / 30.0, 25.0 / 30.0]) {
            assert!((got - want).abs() < 1e-6, "{p:?}");
        }
    }

    #[test]
    fn top_k_keeps_the_k_best_and_ties() {
        let logits = [1.0f32, 4.0, 3.0, 3.0, 0.0];
        let config = SamplingConfig {
            top_k: Some(2),
            ..SamplingConfig::default()
        };
        let p = warped_probabilities(&logits, &config);
        // kept: 4.0 and both 3.0 (tied with the 2nd best), as transformers' `<` threshold does
        assert_eq!(
            p.iter().map(|&x| x > 0.0).collect::<Vec<_>>(),
            [false, true, true, true, false]
        );
    }

    #[test]
    fn top_p_keeps_the_nucleus() {
        // probabilities 0.5, 0.3, 0.15, 0.05 (logits are their logs)
        let logits: Vec<f32> = [0.5f32, 0.3, 0.15, 0.05].iter().map(|p| p.ln()).collect();
        let kept = |p: f64| {
            let config = SamplingConfig {
                top_p: Some(p),
                ..SamplingConfig::default()
            };
            warped_probabilities(&logits, &config)
                .iter()
                .filter(|&&x| x > 0.0)
                .count()
        };
        // the mass before each token in decreasing order: 0, 0.5, 0.8, 0.95
        assert_eq!(kept(0.45), 1);
        assert_eq!(kept(0.55), 2);
        assert_eq!(kept(0.85), 3);
        assert_eq!(kept(0.96), 4);
        assert_eq!(kept(1e-9), 1);
    }

    #[test]
    fn sampling_is_reproducible_and_follows_the_distribution() {
        let logits: Vec<f32> = [0.1f32, 0.2, 0.7].iter().map(|p| p.ln()).collect();
        let decoding = Decoding::Sample(SamplingConfig::default());
        let draw = |seed| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            (0..3000)
                .map(|_| decoding.choose(&logits, &mut rng))
                .collect::<Vec<_>>()
        };
        let a = draw(7);
        assert_eq!(a, draw(7));
        assert_ne!(a, draw(8));
        // 3000 draws of p = 0.7: mean 2100, sd 25; 5 sd either side.
        let sevens = a.iter().filter(|&&i| i == 2).count();
        assert!((1975..=2225).contains(&sevens), "{sevens}");
    }

    /// The reference draw for the same `u` (`sample_with`) and the kept tokens.
    fn reference(logits: &[f32], config: &SamplingConfig) -> Vec<bool> {
        warped_probabilities(logits, config)
            .iter()
            .map(|&p| p > 0.0)
            .collect()
    }

    #[test]
    fn fast_sampling_keeps_and_draws_what_the_reference_does() {
        // random logits, flat (a random-init model's: top-p keeps most of the vocabulary)
        // and peaked (a trained model's), under every combination of top-k and top-p
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        for trial in 0..60 {
            let n = [7usize, 300, 5000][trial % 3];
            let spread = [0.05f32, 1.0, 6.0][(trial / 3) % 3];
            let logits: Vec<f32> = (0..n)
                .map(|_| (rng.random::<f32>() - 0.5) * 2.0 * spread)
                .collect();
            for config in [
                SamplingConfig::default(),
                SamplingConfig {
                    top_p: Some(0.9),
                    ..SamplingConfig::default()
                },
                SamplingConfig {
                    top_p: Some(0.3),
                    temperature: 0.7,
                    ..SamplingConfig::default()
                },
                SamplingConfig {
                    top_k: Some(5),
                    ..SamplingConfig::default()
                },
                SamplingConfig {
                    top_k: Some(50),
                    top_p: Some(0.8),
                    temperature: 1.3,
                },
            ] {
                let scores: Vec<f64> = logits
                    .iter()
                    .map(|&l| f64::from(l) / config.temperature)
                    .collect();
                let probs = softmax(&scores);
                let want_kept = reference(&logits, &config);
                for _ in 0..20 {
                    let u: f64 = rng.random();
                    let fast = sample_probabilities(&probs, &config, u).unwrap();
                    assert_eq!(fast, sample_with(&logits, &config, u), "{config:?} n {n}");
                    assert!(want_kept[fast]);
                }
            }
        }
    }

    #[test]
    fn degenerate_rows_fall_back_to_the_reference() {
        let config = SamplingConfig {
            top_p: Some(0.5),
            ..SamplingConfig::default()
        };
        assert_eq!(sample_probabilities(&[f64::NAN, 0.5], &config, 0.1), None);
        assert_eq!(sample_probabilities(&[0.0, 0.0], &config, 0.1), None);
        // all logits NaN: the reference's uniform fallback keeps the first half by id
        let decoding = Decoding::Sample(config);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let drawn = decoding.choose(&[f32::NAN; 4], &mut rng);
        assert!(drawn < 2, "{drawn}");
    }

    #[test]
    fn settings_are_checked() {
        let bad = [
            SamplingConfig {
                temperature: 0.0,
                ..SamplingConfig::default()
            },
            SamplingConfig {
                temperature: f64::NAN,
                ..SamplingConfig::default()
            },
            SamplingConfig {
                top_k: Some(0),
                ..SamplingConfig::default()
            },
            SamplingConfig {
                top_p: Some(0.0),
                ..SamplingConfig::default()
            },
            SamplingConfig {
                top_p: Some(1.5),
                ..SamplingConfig::default()
            },
        ];
        for config in bad {
            assert!(config.validate().is_err(), "{config:?}");
        }
        assert!(SamplingConfig::default().validate().is_ok());
    }
}
