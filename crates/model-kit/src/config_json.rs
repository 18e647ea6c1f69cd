//! Strict reading of `config.json`: the keys are taken out of the JSON object one by
//! one as the model's configuration reads them, each parse error naming the file and
//! the key, and whatever is left over at the end is a key the model does not know (an
//! error, not silently ignored, in both model crates).

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// The keys of a `config.json` not yet read, and the file they came from.
#[derive(Debug, Clone)]
pub struct ConfigKeys {
    path: PathBuf,
    map: Map<String, Value>,
}

impl ConfigKeys {
    /// Reads the file `path`, which must hold a JSON object.
    pub fn read(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, path)
    }

    /// Parses the text of a `config.json`; `origin` names it in errors.
    pub fn parse(text: &str, origin: impl Into<PathBuf>) -> Result<Self> {
        let path = origin.into();
        let value: Value = match serde_json::from_str(text) {
            Ok(value) => value,
            Err(e) => {
                return Err(Error::Json {
                    path,
                    message: format!("not valid JSON: {e}"),
                });
            }
        };
        let Value::Object(map) = value else {
            return Err(Error::Json {
                path,
                message: "not a JSON object".into(),
            });
        };
        Ok(Self::from_map(map, path))
    }

    /// The keys of an already parsed object; `origin` names it in errors.
    pub fn from_map(map: Map<String, Value>, origin: impl Into<PathBuf>) -> Self {
        ConfigKeys {
            path: origin.into(),
            map,
        }
    }

    /// Where the keys came from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// An error about `option`'s value, naming the file.
    pub fn error(&self, option: &str, message: impl Into<String>) -> Error {
        Error::Option {
            path: self.path.clone(),
            option: option.to_string(),
            message: message.into(),
        }
    }

    /// Removes `key` and parses its value, `null` included (so `T = Option<U>` reads a
    /// `null` as `None`, and other types refuse it); `None` when absent.
    pub fn take<T: DeserializeOwned>(&mut self, key: &str) -> Result<Option<T>> {
        match self.map.remove(key) {
            None => Ok(None),
            Some(value) => {
                let shown = value.to_string();
                serde_json::from_value(value)
                    .map(Some)
                    .map_err(|e| self.error(key, format!("cannot read {shown}: {e}")))
            }
        }
    }

    /// Removes `key` and parses its value; `None` when absent or `null`.
    pub fn take_optional<T: DeserializeOwned>(&mut self, key: &str) -> Result<Option<T>> {
        Ok(self.take::<Option<T>>(key)?.flatten())
    }

    /// Removes `key` and parses its value; `default` when absent or `null`.
    pub fn take_or<T: DeserializeOwned>(&mut self, key: &str, default: T) -> Result<T> {
        Ok(self.take_optional(key)?.unwrap_or(default))
    }

    /// Parses `key`'s value without removing it; `None` when absent or `null`.
    pub fn peek<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => serde_json::from_value(v.clone())
                .map(Some)
                .map_err(|e| self.error(key, format!("cannot read {v}: {e}"))),
        }
    }

    /// Removes `key` and returns its raw value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key)
    }

    /// The first key (in sorted order) not yet read and not in `ignored`: an option the
    /// model does not know.
    pub fn unknown(&self, ignored: &[&str]) -> Option<&str> {
        self.map
            .keys()
            .map(String::as_str)
            .find(|k| !ignored.contains(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_strictly_and_errors_name_the_file_and_key() {
        let mut keys = ConfigKeys::parse(
            r#"{"width": 8, "name": null, "depth": "deep", "extra": 1, "tag": 2}"#,
            "config.json",
        )
        .unwrap();
        assert_eq!(keys.take::<u32>("width").unwrap(), Some(8));
        assert_eq!(keys.take::<u32>("width").unwrap(), None);
        assert_eq!(keys.take::<Option<String>>("name").unwrap(), Some(None));
        assert_eq!(keys.peek::<u32>("tag").unwrap(), Some(2));
        match keys.take::<u32>("depth") {
            Err(Error::Option { path, option, .. }) => {
                assert_eq!(path, Path::new("config.json"));
                assert_eq!(option, "depth");
            }
            other => panic!("expected an error about `depth`, got {other:?}"),
        }
        assert_eq!(keys.take_or("missing", 3u32).unwrap(), 3);
        assert_eq!(keys.unknown(&["extra"]), Some("tag"));
        assert_eq!(keys.unknown(&["extra", "tag"]), None);
    }

    #[test]
    fn malformed_files_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        std::fs::write(&path, "{ not json").unwrap();
        let err = ConfigKeys::read(&path).unwrap_err();
        assert!(
            matches!(&err, Error::Json { path: p, .. } if p == &path),
            "{err}"
        );
        std::fs::write(&path, "[1, 2]").unwrap();
        assert!(
            ConfigKeys::read(&path)
                .unwrap_err()
                .to_string()
                .contains("not a JSON object")
        );
        let err = ConfigKeys::read(dir.path().join("absent.json")).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err}");
    }
}
