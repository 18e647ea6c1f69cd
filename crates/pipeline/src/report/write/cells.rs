//! The numbers in the report's cells: a bootstrap estimate with its interval, an effort
//! per adversarial example, a duration.

use metrics::BootstrapEstimate;

/// `estimate [lower, upper]`, or `estimate [lower, ∞)` for an interval open above; `—`
/// for none.
pub(super) fn boot(b: &Option<BootstrapEstimate>, digits: usize) -> String {
    match b {
        Some(b) => format!("{:.*} {:.*}", digits, b.estimate, digits, b.interval),
        None => "—".into(),
    }
}

/// An effort per adversarial example, or "none found" with what was spent.
pub(super) fn effort(b: &Option<BootstrapEstimate>, digits: usize, spent: String) -> String {
    match b {
        Some(_) => boot(b, digits),
        None => format!("none found ({spent} spent)"),
    }
}

pub(super) fn minutes(seconds: f64) -> String {
    if seconds >= 90.0 {
        format!("{:.1} min", seconds / 60.0)
    } else {
        format!("{seconds:.0} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use metrics::Interval;

    fn estimate(value: f64, lower: f64, upper: f64) -> Option<BootstrapEstimate> {
        Some(BootstrapEstimate {
            estimate: value,
            interval: Interval::new(lower, upper, 0.95).unwrap(),
            resamples: 10_000,
            seed: 0,
        })
    }

    #[test]
    fn an_open_interval_reads_as_such_and_nothing_found_says_what_was_spent() {
        assert_eq!(boot(&estimate(12.5, 7.25, 20.0), 1), "12.5 [7.2, 20.0]");
        assert_eq!(
            effort(&estimate(110.25, 40.0, f64::INFINITY), 1, "x".into()),
            "110.2 [40.0, ∞)"
        );
        assert_eq!(
            effort(&None, 1, "128 queries".into()),
            "none found (128 queries spent)"
        );
    }
}
