//! Serde for natural logarithms of probabilities, which are −∞ when the probability is 0
//! (e.g. `ln p̂` of an estimator that saw no failure). JSON has no infinity: −∞ is written
//! as `null` and `null` is read back as −∞, so such results survive a round trip through
//! a results file.

use serde::{Deserialize, Deserializer, Serializer};

/// Writes `−∞` as `null`, any other value as a number.
pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if *value == f64::NEG_INFINITY {
        serializer.serialize_none()
    } else {
        serializer.serialize_f64(*value)
    }
}

/// Reads `null` as `−∞`, a number as itself.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(deserializer)?.unwrap_or(f64::NEG_INFINITY))
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Log {
        #[serde(with = "super")]
        value: f64,
    }

    #[test]
    fn minus_infinity_round_trips_through_json() {
        for value in [f64::NEG_INFINITY, -3.5, 0.0] {
            let json = serde_json::to_string(&Log { value }).unwrap();
            let back: Log = serde_json::from_str(&json).unwrap();
            assert_eq!(back.value, value, "{json}");
        }
        assert_eq!(
            serde_json::to_string(&Log {
                value: f64::NEG_INFINITY
            })
            .unwrap(),
            r#"{"value":null}"#
        );
    }
}
