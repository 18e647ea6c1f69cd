//! The rare-event problem that splitting runs on: a distribution to sample from, a score,
//! and a Markov kernel reversible with respect to the distribution, all batched.

use rand_chacha::ChaCha8Rng;

/// A rare-event problem for [`run_splitting`](super::run_splitting): a distribution `π` to
/// sample from, a score (the event is `score ≥ threshold`), and a Markov kernel reversible
/// with respect to `π`.
///
/// Every method works on a batch, so that a neural network scores many states per call.
pub trait SplittingProblem {
    /// A point of the space (a snippet, a bit string, a real number…).
    type State: Clone;
    /// What can go wrong in the problem's own computations (e.g. a model failing).
    type Error: std::error::Error + 'static;

    /// `count` independent draws from `π`.
    fn sample_initial(
        &mut self,
        count: usize,
        rng: &mut ChaCha8Rng,
    ) -> Result<Vec<Self::State>, Self::Error>;

    /// The score of each state, in order (higher is closer to the event; NaN is an
    /// error).
    fn score(&mut self, states: &[Self::State]) -> Result<Vec<f64>, Self::Error>;

    /// One step of a Markov kernel reversible with respect to `π`, from each state:
    /// `Some(next)`, or `None` when the chain stays where it is (e.g. a rejected
    /// Metropolis–Hastings proposal; such states are not re-scored).
    ///
    /// Reversibility is what makes "keep the move only if its score is above the level"
    /// leave `π` conditioned on that level invariant. Examples: Gibbs resampling of one
    /// coordinate from its exact conditional; an autoregressive move
    /// `ρ x + √(1 − ρ²) ξ` for a standard normal; any proposal followed by a
    /// Metropolis–Hastings accept/reject step targeting `π`.
    fn propose(
        &mut self,
        states: &[Self::State],
        rng: &mut ChaCha8Rng,
    ) -> Result<Vec<Option<Self::State>>, Self::Error>;
}

impl<P: SplittingProblem + ?Sized> SplittingProblem for &mut P {
    type State = P::State;
    type Error = P::Error;
    fn sample_initial(
        &mut self,
        count: usize,
        rng: &mut ChaCha8Rng,
    ) -> Result<Vec<Self::State>, Self::Error> {
        (**self).sample_initial(count, rng)
    }
    fn score(&mut self, states: &[Self::State]) -> Result<Vec<f64>, Self::Error> {
        (**self).score(states)
    }
    fn propose(
        &mut self,
        states: &[Self::State],
        rng: &mut ChaCha8Rng,
    ) -> Result<Vec<Option<Self::State>>, Self::Error> {
        (**self).propose(states, rng)
    }
}
