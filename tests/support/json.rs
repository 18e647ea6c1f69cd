//! Comparing results read back from JSON files: the same structure, the same strings,
//! integers and booleans, and floats equal up to a relative tolerance — never bit for bit,
//! since a number's last bits can depend on the CPU's floating point and on the batch it
//! was computed in.
#![allow(dead_code)]

use serde_json::Value;

/// Relative tolerance of [`assert_close`]: far below any difference that means something
/// (the smallest reported digit), far above rounding.
pub const RELATIVE: f64 = 1e-9;

/// Whether `a` and `b` agree: floats within [`RELATIVE`] (of the larger magnitude, or
/// absolutely near zero), everything else exactly. Returns the JSON path of the first
/// disagreement.
pub fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() || x.keys().any(|k| !y.contains_key(k)) {
                return Some(format!("{path}: keys differ"));
            }
            x.iter()
                .find_map(|(k, v)| first_difference(v, &y[k], &format!("{path}.{k}")))
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{path}: {} items against {}", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (v, w))| first_difference(v, w, &format!("{path}[{i}]")))
        }
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            let scale = x.abs().max(y.abs()).max(1e-12);
            ((x - y).abs() > RELATIVE * scale).then(|| format!("{path}: {x} against {y}"))
        }
        _ => (a != b).then(|| format!("{path}: {a} against {b}")),
    }
}

/// Panics with the path of the first disagreement between `a` and `b` (see
/// [`first_difference`]).
pub fn assert_close(a: &Value, b: &Value) {
    if let Some(d) = first_difference(a, b, "$") {
        panic!("results differ at {d}");
    }
}

/// Panics unless `value` (a rate read back from a results file) is the rate
/// `metrics::RateEstimate` makes of its own counts, method and level, up to [`RELATIVE`]:
/// so every range and order the constructor guarantees (and `metrics` tests) holds.
pub fn assert_rate(what: &str, value: &Value) {
    let rate: metrics::RateEstimate = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{what}: {value} is no rate: {e}"));
    let again =
        metrics::RateEstimate::with_method(rate.k, rate.n, rate.method, rate.interval.level)
            .unwrap_or_else(|e| panic!("{what}: {value} is no rate: {e}"));
    let again = serde_json::to_value(again).expect("a rate serialises");
    if let Some(d) = first_difference(value, &again, "$") {
        panic!("{what}: {value} is not the rate of its counts: {d}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_rate_is_checked_against_its_counts() {
        let rate = serde_json::to_value(metrics::RateEstimate::new(2, 2447).unwrap()).unwrap();
        assert_rate("rate", &rate);
        let mut moved = rate.clone();
        moved["interval"]["upper"] = json!(0.5);
        let caught = std::panic::catch_unwind(|| assert_rate("moved", &moved));
        assert!(caught.is_err(), "an upper end of 0.5 for 2/2447 passed");
    }

    #[test]
    fn rounding_is_forgiven_and_real_differences_are_not() {
        let a = json!({"k": 3, "x": 0.10752688172043012, "s": ["a", 1.0]});
        let b = json!({"k": 3, "x": 0.10752688172043011, "s": ["a", 1.0]});
        assert_eq!(first_difference(&a, &b, "$"), None);
        let c = json!({"k": 4, "x": 0.10752688172043012, "s": ["a", 1.0]});
        assert!(first_difference(&a, &c, "$").unwrap().starts_with("$.k"));
        let d = json!({"k": 3, "x": 0.1075, "s": ["a", 1.0]});
        assert!(first_difference(&a, &d, "$").unwrap().starts_with("$.x"));
        let e = json!({"k": 3, "x": 0.10752688172043012, "s": ["a"]});
        assert!(first_difference(&a, &e, "$").is_some());
    }
}
