//! The crate's error type: every fallible function returns [`MetricsError`] instead of
//! panicking, and each message names the offending value.

/// Everything that can go wrong when computing a metric.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MetricsError {
    /// A count of successes larger than the number of trials.
    #[error("count k = {k} exceeds the number of trials n = {n}")]
    CountExceedsTrials {
        /// The count of successes (e.g. false negatives).
        k: u64,
        /// The number of trials (e.g. injurious examples).
        n: u64,
    },

    /// A rate was asked for with no trials at all.
    #[error("{what}: n = 0 trials, but a rate needs at least one")]
    NoTrials {
        /// What was being estimated, e.g. `"Wilson interval"` or `"false-negative rate"`.
        what: &'static str,
    },

    /// A credible or confidence level outside the open interval (0, 1).
    #[error("level must lie strictly between 0 and 1 (e.g. 0.95), got {level}")]
    InvalidLevel {
        /// The level that was passed.
        level: f64,
    },

    /// A Beta prior whose parameters are not finite, positive and at most
    /// [`MAX_PRIOR`](crate::MAX_PRIOR).
    #[error(
        "a Beta(a, b) prior needs 0 < a <= 1e6 and 0 < b <= 1e6, got Beta({alpha:?}, {beta:?})"
    )]
    InvalidPrior {
        /// First shape parameter.
        alpha: f64,
        /// Second shape parameter.
        beta: f64,
    },

    /// A numeric argument outside its allowed range.
    #[error("{name} must be {expected}, got {value}")]
    InvalidParameter {
        /// The parameter's name, e.g. `"quality floor"`.
        name: &'static str,
        /// The value that was passed.
        value: f64,
        /// What was expected, e.g. `"a finite number in [0, 1]"`.
        expected: &'static str,
    },

    /// A value that must be a number (or a finite number) was not.
    #[error(
        "{what}[{index}] = {value} is not allowed (NaN, or infinite where a finite value is needed)"
    )]
    InvalidValue {
        /// Which input held it, e.g. `"scores"`, `"thresholds"`, `"sample"`.
        what: &'static str,
        /// Its position in that input.
        index: usize,
        /// The value itself.
        value: f64,
    },

    /// Two inputs that must be parallel have different lengths.
    #[error(
        "{left} has {left_len} entries but {right} has {right_len}: they must have the same length"
    )]
    LengthMismatch {
        /// Name of the first input.
        left: &'static str,
        /// Its length.
        left_len: usize,
        /// Name of the second input.
        right: &'static str,
        /// Its length.
        right_len: usize,
    },

    /// An input that needs at least one element was empty.
    #[error("{what} is empty")]
    Empty {
        /// Which input was empty.
        what: &'static str,
    },

    /// A bootstrap asked for with zero resamples.
    #[error("the number of bootstrap resamples must be at least 1, got 0")]
    NoResamples,

    /// A bootstrap resample whose statistic came out NaN or infinite (e.g. a ratio whose
    /// resampled denominator mean was zero).
    #[error("bootstrap resample {resample} gave a non-finite statistic ({value})")]
    NonFiniteStatistic {
        /// Index of the resample (0-based).
        resample: usize,
        /// The statistic's value.
        value: f64,
    },

    /// The same prompt id was listed twice among the prompts' completions.
    #[error("prompt {prompt_id:?} is listed more than once")]
    DuplicatePrompt {
        /// The repeated prompt id.
        prompt_id: String,
    },

    /// A pairwise judgement refers to a prompt that has no listed completions.
    #[error("a judgement refers to prompt {prompt_id:?}, which is not among the prompts")]
    UnknownPrompt {
        /// The unknown prompt id.
        prompt_id: String,
    },

    /// A pairwise judgement refers to a completion index the prompt does not have.
    #[error(
        "a judgement for prompt {prompt_id:?} refers to completion {index}, but that prompt has only {completions} completions"
    )]
    UnknownCompletion {
        /// The prompt the judgement belongs to.
        prompt_id: String,
        /// The out-of-range completion index.
        index: usize,
        /// How many completions the prompt has.
        completions: usize,
    },

    /// A pairwise judgement compares a completion with itself.
    #[error("a judgement for prompt {prompt_id:?} compares completion {index} with itself")]
    SelfComparison {
        /// The prompt the judgement belongs to.
        prompt_id: String,
        /// The completion compared with itself.
        index: usize,
    },

    /// A prompt's completion score is NaN.
    #[error("prompt {prompt_id:?}: the score of completion {index} is NaN")]
    NanCompletionScore {
        /// The prompt.
        prompt_id: String,
        /// The completion whose score is NaN.
        index: usize,
    },

    /// No prompt carries enough information to estimate quality at a threshold.
    #[error(
        "no prompt has a judged pair involving an accepted completion at threshold {threshold} (and none rejects everything), so quality cannot be estimated"
    )]
    NoQualityInformation {
        /// The threshold at which nothing could be estimated.
        threshold: f64,
    },

    /// Threshold selection by quality found no candidate that keeps quality above the floor.
    #[error(
        "no candidate threshold keeps quality above the floor: the {level} lower bound must exceed {floor}, but the best lower bound among {candidates} candidates is {best_lower_bound}"
    )]
    NoThresholdKeepsQuality {
        /// The floor the lower bound had to exceed.
        floor: f64,
        /// The interval level of the quality estimates.
        level: f64,
        /// How many candidates were examined.
        candidates: usize,
        /// The highest lower bound seen (NaN when there were no candidates).
        best_lower_bound: f64,
    },

    /// Threshold selection by target FNR found no candidate meeting the target.
    #[error(
        "no candidate threshold meets the target false-negative rate {target}: the lowest {criterion} among {candidates} candidates is {lowest}"
    )]
    NoThresholdMeetsTargetFnr {
        /// The target FNR.
        target: f64,
        /// Which FNR figure was compared (`"point estimate"` or `"upper bound"`).
        criterion: &'static str,
        /// How many candidates were examined (with at least one injurious example).
        candidates: usize,
        /// The lowest FNR figure seen (NaN when there were no usable candidates).
        lowest: f64,
    },
}

/// Shorthand for results in this crate.
pub type Result<T> = std::result::Result<T, MetricsError>;

/// Checks that `level` lies strictly inside (0, 1).
pub(crate) fn check_level(level: f64) -> Result<()> {
    if level > 0.0 && level < 1.0 {
        Ok(())
    } else {
        Err(MetricsError::InvalidLevel { level })
    }
}

/// Checks that `k <= n`.
pub(crate) fn check_counts(k: u64, n: u64) -> Result<()> {
    if k <= n {
        Ok(())
    } else {
        Err(MetricsError::CountExceedsTrials { k, n })
    }
}

/// Returns an error naming the first NaN in `values`.
pub(crate) fn check_not_nan(what: &'static str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| v.is_nan()) {
        Some(index) => Err(MetricsError::InvalidValue {
            what,
            index,
            value: values[index],
        }),
        None => Ok(()),
    }
}

/// Returns an error naming the first non-finite value in `values`.
pub(crate) fn check_finite(what: &'static str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(MetricsError::InvalidValue {
            what,
            index,
            value: values[index],
        }),
        None => Ok(()),
    }
}
