//! Rare-event problems with known answers, for the importance-sampling and splitting tests.

#![allow(dead_code)] // each test file uses a part

use metrics::SplittingProblem;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::convert::Infallible;

/// A standard normal draw (Box–Muller).
pub fn standard_normal(rng: &mut ChaCha8Rng) -> f64 {
    // 1 - u is in (0, 1]: its log is finite
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// `P(X ≥ t)` for a standard normal `X`: `erfc(t / √2) / 2` (closed form).
pub fn normal_tail(t: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(t / std::f64::consts::SQRT_2)
}

/// `X ~ N(0, 1)`, score `X`; the move `ρ x + √(1 − ρ²) ξ` is reversible for N(0, 1).
pub struct Gaussian {
    pub rho: f64,
}

impl SplittingProblem for Gaussian {
    type State = f64;
    type Error = Infallible;

    fn sample_initial(
        &mut self,
        count: usize,
        rng: &mut ChaCha8Rng,
    ) -> Result<Vec<f64>, Infallible> {
        Ok((0..count).map(|_| standard_normal(rng)).collect())
    }

    fn score(&mut self, states: &[f64]) -> Result<Vec<f64>, Infallible> {
        Ok(states.to_vec())
    }

    fn propose(
        &mut self,
        states: &[f64],
        rng: &mut ChaCha8Rng,
    ) -> Result<Vec<Option<f64>>, Infallible> {
        let s = (1.0 - self.rho * self.rho).sqrt();
        Ok(states
            .iter()
            .map(|&x| Some(self.rho * x + s * standard_normal(rng)))
            .collect())
    }
}

/// `k` fair bits, score = number of ones: `P(score ≥ k) = 2^-k`. The move resamples one
/// uniformly chosen bit (Gibbs for the uniform law: the analogue of masked-LM token
/// resampling); an unchanged bit is reported as a stay (`None`).
pub struct Bits {
    pub k: usize,
    /// Score calls made (to check batching).
    pub score_calls: usize,
}

impl Bits {
    pub fn new(k: usize) -> Self {
        Bits { k, score_calls: 0 }
    }
}

impl SplittingProblem for Bits {
    type State = Vec<bool>;
    type Error = Infallible;

    fn sample_initial(
        &mut self,
        count: usize,
        rng: &mut ChaCha8Rng,
    ) -> Result<Vec<Vec<bool>>, Infallible> {
        Ok((0..count)
            .map(|_| (0..self.k).map(|_| rng.random()).collect())
            .collect())
    }

    fn score(&mut self, states: &[Vec<bool>]) -> Result<Vec<f64>, Infallible> {
        self.score_calls += 1;
        Ok(states
            .iter()
            .map(|s| s.iter().filter(|&&b| b).count() as f64)
            .collect())
    }

    fn propose(
        &mut self,
        states: &[Vec<bool>],
        rng: &mut ChaCha8Rng,
    ) -> Result<Vec<Option<Vec<bool>>>, Infallible> {
        Ok(states
            .iter()
            .map(|s| {
                let i = rng.random_range(0..self.k);
                let bit: bool = rng.random();
                (bit != s[i]).then(|| {
                    let mut t = s.clone();
                    t[i] = bit;
                    t
                })
            })
            .collect())
    }
}

/// Importance-sampling draws for `P(X ≥ t)`, `X ~ N(0, 1)`, from the shifted proposal
/// `N(shift, 1)`: `ln w = ln φ(x) − ln φ(x − shift) = −shift · x + shift² / 2`.
pub fn shifted_normal_draws(
    t: f64,
    shift: f64,
    n: usize,
    rng: &mut ChaCha8Rng,
) -> (Vec<f64>, Vec<bool>) {
    (0..n)
        .map(|_| {
            let x = shift + standard_normal(rng);
            (-shift * x + shift * shift / 2.0, x >= t)
        })
        .unzip()
}
