//! A labeler that makes mistakes at a known rate: a simulated contractor built on an
//! exact labeler, so that the two-plus-tie-break rule has real disagreements to settle.

use crate::error::{LabelsError, Result};
use crate::label::{Judgement, Label};
use crate::labeler::Labeler;
use crate::snippet::Snippet;

/// Wraps a labeler and flips its injurious / non-injurious answer on a fixed fraction of
/// snippets. Which snippets are flipped depends only on the seed and the snippet's text,
/// so a relabeling (or a resumed run) gives the same answers. `Unsure` is kept as it is.
pub struct NoisyLabeler<L> {
    inner: L,
    id: String,
    error_rate: f64,
    seed: u64,
}

impl<L: Labeler> NoisyLabeler<L> {
    /// `inner`, wrong on about `error_rate` of snippets, under the name `id`.
    pub fn new(inner: L, id: impl Into<String>, error_rate: f64, seed: u64) -> Result<Self> {
        if !(0.0..=1.0).contains(&error_rate) {
            return Err(LabelsError::Setting(format!(
                "an error rate must be in [0, 1], got {error_rate}"
            )));
        }
        Ok(NoisyLabeler {
            inner,
            id: id.into(),
            error_rate,
            seed,
        })
    }

    /// Whether this labeler gets `snippet` wrong.
    pub fn errs_on(&self, snippet: &Snippet) -> bool {
        // splitmix64 of the snippet's stable hash and the seed, as a uniform in [0, 1)
        let mut z = snippet
            .stable_hash()
            .wrapping_add(self.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        ((z >> 11) as f64 / (1u64 << 53) as f64) < self.error_rate
    }
}

impl<L: Labeler> Labeler for NoisyLabeler<L> {
    fn id(&self) -> &str {
        &self.id
    }

    fn label_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<Judgement>> {
        let truth = self.inner.label_batch(snippets)?;
        Ok(snippets
            .iter()
            .zip(truth)
            .map(|(s, j)| {
                let label = match (j.label, self.errs_on(s)) {
                    (Label::Injurious, true) => Label::NonInjurious,
                    (Label::NonInjurious, true) => Label::Injurious,
                    (label, _) => label,
                };
                Judgement {
                    labeler: self.id.clone(),
                    label,
                    seconds: j.seconds,
                }
            })
            .collect())
    }

    fn preferred_batch_size(&self) -> usize {
        self.inner.preferred_batch_size()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Everything(Label);
    impl Labeler for Everything {
        fn id(&self) -> &str {
            "everything"
        }
        fn label_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<Judgement>> {
            Ok(snippets
                .iter()
                .map(|_| Judgement::new("everything", self.0))
                .collect())
        }
    }

    fn snippets(n: usize) -> Vec<Snippet> {
        (0..n)
            .map(|i| Snippet::new(format!("Prompt {i}."), format!("Completion {i}.")))
            .collect()
    }

    #[test]
    fn flips_about_the_error_rate_and_always_the_same_snippets() {
        let s = snippets(20_000);
        let mut noisy = NoisyLabeler::new(Everything(Label::Injurious), "c1", 0.05, 3).unwrap();
        let first = noisy.label_batch(&s).unwrap();
        let flipped = first
            .iter()
            .filter(|j| j.label == Label::NonInjurious)
            .count();
        // binomial(20000, 0.05): mean 1000, sd ≈ 31; ±5 sd
        assert!((845..=1155).contains(&flipped), "{flipped}");
        assert!(first.iter().all(|j| j.labeler == "c1"));
        assert_eq!(noisy.label_batch(&s).unwrap(), first);
        // another seed errs on other snippets
        let mut other = NoisyLabeler::new(Everything(Label::Injurious), "c2", 0.05, 4).unwrap();
        let second = other.label_batch(&s).unwrap();
        let both = first
            .iter()
            .zip(&second)
            .filter(|(a, b)| a.label == Label::NonInjurious && b.label == Label::NonInjurious)
            .count();
        // independent: about 20000 × 0.05² = 50 snippets on which both err
        assert!(both < 120, "{both}");
    }

    #[test]
    fn unsure_stays_unsure_and_a_bad_rate_is_refused() {
        let mut noisy = NoisyLabeler::new(Everything(Label::Unsure), "c", 1.0, 0).unwrap();
        let out = noisy.label_batch(&snippets(10)).unwrap();
        assert!(out.iter().all(|j| j.label == Label::Unsure));
        assert!(NoisyLabeler::new(Everything(Label::Unsure), "c", 1.5, 0).is_err());
    }
}
