//! The settings of a splitting run, and their checks.

use serde::{Deserialize, Serialize};

use crate::error::{MetricsError, Result, check_level};
use crate::interval::DEFAULT_LEVEL;

/// Settings of adaptive multi-level splitting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SplittingConfig {
    /// The event is `score ≥ threshold` (not NaN).
    pub threshold: f64,
    /// Number of particles `N` (at least 2; default 100).
    pub particles: usize,
    /// `k`: the level is the `k`-th smallest score, so at least `k` particles die per
    /// iteration (1 ≤ k < N; default 10).
    pub kill: usize,
    /// MCMC steps applied to each copied particle (at least 1; default 20).
    pub mcmc_steps: usize,
    /// The most iterations (levels) before the run gives up below the threshold (at least
    /// 1; default 10,000).
    pub max_iterations: usize,
    /// Interval level in (0, 1) (default 0.95).
    pub level: f64,
    /// Seed of the [`ChaCha8Rng`](rand_chacha::ChaCha8Rng) passed to the problem and used
    /// for copying.
    pub seed: u64,
}

impl Default for SplittingConfig {
    fn default() -> Self {
        SplittingConfig {
            threshold: 0.0,
            particles: 100,
            kill: 10,
            mcmc_steps: 20,
            max_iterations: 10_000,
            level: DEFAULT_LEVEL,
            seed: 0,
        }
    }
}

impl SplittingConfig {
    /// Checks every setting.
    pub fn validate(&self) -> Result<()> {
        check_level(self.level)?;
        let invalid = |name, value: f64, expected| {
            Err(MetricsError::InvalidParameter {
                name,
                value,
                expected,
            })
        };
        if self.threshold.is_nan() {
            return invalid("splitting threshold", self.threshold, "a number (not NaN)");
        }
        if self.particles < 2 {
            return invalid("number of particles", self.particles as f64, "at least 2");
        }
        if self.kill == 0 || self.kill >= self.particles {
            return invalid(
                "particles killed per level (kill)",
                self.kill as f64,
                "at least 1 and fewer than the number of particles",
            );
        }
        if self.mcmc_steps == 0 {
            return invalid("mcmc_steps", 0.0, "at least 1");
        }
        if self.max_iterations == 0 {
            return invalid("max_iterations", 0.0, "at least 1");
        }
        Ok(())
    }
}
