//! libtorch's intra-op threads, set from a flag or the environment and bounded by the
//! CPUs this process may use: more threads than CPUs only make them wait on each other,
//! and tens of thousands exhaust the process (libtorch crashes rather than failing).
//!
//! ```
//! use highstakes::threads::{ThreadsError, check_threads};
//!
//! assert_eq!(check_threads(1, "--threads"), Ok(1));
//! assert!(matches!(check_threads(0, "--threads"), Err(ThreadsError::TooFew { .. })));
//! assert!(matches!(
//!     check_threads(1_000_000, "--threads"),
//!     Err(ThreadsError::TooMany { .. })
//! ));
//! ```

/// The environment variable that sets the threads when no `--threads` flag does.
pub const THREADS_VARIABLE: &str = "HIGHSTAKES_THREADS";

/// A number of threads that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThreadsError {
    /// The environment variable is not a whole number.
    #[error("{THREADS_VARIABLE}={text:?} is not a whole number of threads")]
    NotANumber {
        /// The variable's text.
        text: String,
    },
    /// Fewer than one thread.
    #[error("{from} must be at least 1, got {n}")]
    TooFew {
        /// Where the number came from (`--threads`, the environment variable).
        from: String,
        /// The number asked for.
        n: i64,
    },
    /// More threads than CPUs.
    #[error("{from} {n} is more than the {cpus} CPUs this process may use")]
    TooMany {
        /// Where the number came from.
        from: String,
        /// The number asked for.
        n: i64,
        /// The CPUs this process may use.
        cpus: usize,
    },
}

/// The CPUs this process may use (its affinity mask and CPU quota, as the standard
/// library reads them; 1 when they cannot be read).
pub fn available_cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `n` as a thread count, when it is between 1 and [`available_cpus`]; `from` names where
/// it came from in the error.
pub fn check_threads(n: i64, from: &str) -> Result<i32, ThreadsError> {
    let cpus = available_cpus();
    if n < 1 {
        return Err(ThreadsError::TooFew {
            from: from.to_string(),
            n,
        });
    }
    match i32::try_from(n) {
        Ok(t) if (t as usize) <= cpus => Ok(t),
        _ => Err(ThreadsError::TooMany {
            from: from.to_string(),
            n,
            cpus,
        }),
    }
}

/// The threads asked for: `flag` (from `--threads`) or else [`THREADS_VARIABLE`], checked;
/// `None` when neither is given.
pub fn requested_threads(flag: Option<i64>) -> Result<Option<i32>, ThreadsError> {
    if let Some(n) = flag {
        return check_threads(n, "--threads").map(Some);
    }
    match std::env::var(THREADS_VARIABLE) {
        Ok(text) => {
            let n: i64 = text
                .trim()
                .parse()
                .map_err(|_| ThreadsError::NotANumber { text: text.clone() })?;
            check_threads(n, THREADS_VARIABLE).map(Some)
        }
        Err(_) => Ok(None),
    }
}

/// Sets libtorch's threads as [`requested_threads`] says (libtorch's default, one per
/// CPU, when nothing is asked); returns what was set.
pub fn apply_threads(flag: Option<i64>) -> Result<Option<i32>, ThreadsError> {
    let threads = requested_threads(flag)?;
    if let Some(n) = threads {
        tch::set_num_threads(n);
    }
    Ok(threads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_outside_one_to_the_cpus_are_refused_with_their_source() {
        let cpus = available_cpus();
        assert_eq!(check_threads(cpus as i64, "--threads"), Ok(cpus as i32));
        let too_many = check_threads(cpus as i64 + 1, "--threads").unwrap_err();
        assert_eq!(
            too_many.to_string(),
            format!(
                "--threads {} is more than the {cpus} CPUs this process may use",
                cpus + 1
            )
        );
        assert!(matches!(
            check_threads(i64::MAX, THREADS_VARIABLE),
            Err(ThreadsError::TooMany { .. })
        ));
        assert_eq!(
            check_threads(-3, "--threads").unwrap_err().to_string(),
            "--threads must be at least 1, got -3"
        );
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        // the environment is not read when the flag is given (set or not in this process)
        assert_eq!(requested_threads(Some(1)), Ok(Some(1)));
    }
}
