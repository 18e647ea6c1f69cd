//! Reading a `tokenizer.json` without letting a malformed one panic inside the
//! `tokenizers` crate.

use std::path::Path;

use tokenizers::Tokenizer;

use crate::error::{Error, Result};

/// Reads a `tokenizer.json`. The `tokenizers` crate (0.22) unwraps a decoder that is not
/// valid JSON and a `Precompiled` normalizer that does not parse: the JSON syntax and
/// every `Precompiled` normalizer are checked first, and a panic that still escapes is
/// caught and reported as an error naming the file.
pub fn read_tokenizer_json(path: impl AsRef<Path>) -> Result<Tokenizer> {
    let path = path.as_ref();
    let error = |message: String| Error::Tokenizer {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| error(format!("not valid JSON: {e}")))?;
    check_precompiled(&value).map_err(error)?;
    let parsed = std::panic::catch_unwind(|| text.parse::<Tokenizer>())
        .map_err(|_| error("the tokenizers crate could not read it (it panicked)".into()))?;
    parsed.map_err(|e| error(e.to_string()))
}

/// Checks every `{"type": "Precompiled", …}` normalizer in `value` parses.
fn check_precompiled(value: &serde_json::Value) -> std::result::Result<(), String> {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("type").and_then(|t| t.as_str()) == Some("Precompiled") {
                serde_json::from_value::<tokenizers::normalizers::precompiled::Precompiled>(
                    value.clone(),
                )
                .map_err(|e| format!("its Precompiled normalizer does not parse: {e}"))?;
            }
            map.values().try_for_each(check_precompiled)
        }
        serde_json::Value::Array(items) => items.iter().try_for_each(check_precompiled),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_tokenizers_are_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokenizer.json");
        for text in [
            "{ not json",
            r#"{"model": 3}"#,
            r#"{"normalizer": {"type": "Precompiled", "precompiled_charsmap": "!!"}}"#,
        ] {
            std::fs::write(&path, text).unwrap();
            match read_tokenizer_json(&path) {
                Err(Error::Tokenizer { path: p, .. }) => assert_eq!(p, path, "{text}"),
                other => panic!("{text}: expected a tokenizer error, got {other:?}"),
            }
        }
    }
}
