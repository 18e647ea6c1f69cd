//! What can go wrong in a splitting run: the crate's own errors, or the problem's.

use crate::error::MetricsError;

/// What can go wrong in a splitting run: bad settings or a broken problem contract
/// ([`MetricsError`]), or the problem's own error.
#[derive(Debug, thiserror::Error)]
pub enum SplittingError<E: std::error::Error + 'static> {
    /// Invalid settings, or the problem returned the wrong number of states or scores, or
    /// a NaN score.
    #[error(transparent)]
    Metrics(#[from] MetricsError),
    /// The problem failed (e.g. its model did).
    #[error("the splitting problem failed: {0}")]
    Problem(#[source] E),
}
