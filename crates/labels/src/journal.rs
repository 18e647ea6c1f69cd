//! An append-only JSONL journal that survives crashes: every record is flushed to disk
//! before `append` returns, and a line torn by a crash is skipped on reading, never
//! fatal.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{LabelsError, Result};
use crate::jsonl::{JsonlContents, read_jsonl_lenient};

/// An open journal of records of type `T`, one JSON object per line.
#[derive(Debug)]
pub struct Journal<T> {
    path: PathBuf,
    file: File,
    _records: PhantomData<fn(T)>,
}

impl<T: Serialize + DeserializeOwned> Journal<T> {
    /// Opens a journal for appending, creating it (and its directory) if needed. If the
    /// last line was torn by a crash (no final newline), a newline is added so that new
    /// records start on a line of their own; the torn line stays in the file, where
    /// [`Journal::read`] reports it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| LabelsError::io(dir, e))?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&path)
            .map_err(|e| LabelsError::io(&path, e))?;
        let len = file
            .metadata()
            .map_err(|e| LabelsError::io(&path, e))?
            .len();
        if len > 0 {
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(len - 1))
                .and_then(|_| file.read_exact(&mut last))
                .map_err(|e| LabelsError::io(&path, e))?;
            if last[0] != b'\n' {
                file.write_all(b"\n")
                    .and_then(|_| file.sync_data())
                    .map_err(|e| LabelsError::io(&path, e))?;
            }
        }
        Ok(Journal {
            path,
            file,
            _records: PhantomData,
        })
    }

    /// Appends one record and flushes it to disk before returning.
    pub fn append(&mut self, record: &T) -> Result<()> {
        let mut line = serde_json::to_vec(record)
            .map_err(|e| LabelsError::Invalid(format!("cannot serialize a record: {e}")))?;
        line.push(b'\n');
        self.file
            .write_all(&line)
            .and_then(|_| self.file.sync_data())
            .map_err(|e| LabelsError::io(&self.path, e))
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads a journal: its good records, and an error for each line torn by a crash (a
    /// record cut short), which is skipped. A line that is whole but not a record of this
    /// kind (random bytes, another journal's records, a dataset given as a journal) is an
    /// error naming the file and line: resuming from it would silently redo or lose
    /// work. A journal that does not exist yet reads as empty.
    pub fn read(path: impl AsRef<Path>) -> Result<JsonlContents<T>> {
        let path = path.as_ref();
        if !path.exists() {
            return Ok(JsonlContents {
                records: Vec::new(),
                lines: Vec::new(),
                errors: Vec::new(),
                torn: Vec::new(),
            });
        }
        let mut contents = read_jsonl_lenient(path)?;
        let whole = contents.errors.iter().position(|e| match e {
            LabelsError::MalformedLine { line, .. } => !contents.torn.contains(line),
            _ => true,
        });
        if let Some(i) = whole {
            let e = contents.errors.swap_remove(i);
            return Err(match e {
                LabelsError::MalformedLine {
                    path,
                    line,
                    message,
                } => LabelsError::MalformedLine {
                    path,
                    line,
                    message: format!("not a record of this journal: {message}"),
                },
                other => other,
            });
        }
        Ok(contents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/journal.jsonl");
        {
            let mut j = Journal::<u32>::open(&path).unwrap();
            j.append(&1).unwrap();
            j.append(&2).unwrap();
        }
        // a crash in the middle of writing a record
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"12")
            .unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"3")
            .unwrap();
        let mut j = Journal::<u32>::open(&path).unwrap();
        j.append(&4).unwrap();
        let contents = Journal::<u32>::read(&path).unwrap();
        // the torn "123" happens to parse as a number; what matters is that 4 is on its
        // own line and nothing before it was lost
        assert_eq!(contents.records, vec![1, 2, 123, 4]);
        std::fs::write(&path, "1\n{\"torn\n").unwrap();
        let mut j = Journal::<u32>::open(&path).unwrap();
        j.append(&5).unwrap();
        let contents = Journal::<u32>::read(&path).unwrap();
        assert_eq!(contents.records, vec![1, 5]);
        assert_eq!(contents.errors.len(), 1);
    }

    #[test]
    fn whole_lines_of_another_kind_are_an_error_naming_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        std::fs::write(&path, "1\n2\n").unwrap();
        assert_eq!(Journal::<u32>::read(&path).unwrap().records, vec![1, 2]);
        // a record of another kind, whole
        std::fs::write(&path, "1\n{\"prompt\":\"a\"}\n3\n").unwrap();
        let err = Journal::<u32>::read(&path).unwrap_err().to_string();
        assert!(
            err.contains("journal.jsonl:2:") && err.contains("not a record of this journal"),
            "{err}"
        );
        // random bytes
        std::fs::write(&path, b"1\n\x13#zz garbage )(\n").unwrap();
        let err = Journal::<u32>::read(&path).unwrap_err().to_string();
        assert!(err.contains("journal.jsonl:2:"), "{err}");
        // a torn record among good ones is skipped and reported
        std::fs::write(&path, "1\n{\"a\": [1, 2\n3\n").unwrap();
        let contents = Journal::<u32>::read(&path).unwrap();
        assert_eq!(contents.records, vec![1, 3]);
        assert_eq!(contents.torn, vec![2]);
    }

    #[test]
    fn a_missing_journal_is_empty() {
        let contents = Journal::<u32>::read("/nonexistent/j.jsonl").unwrap();
        assert!(contents.records.is_empty());
    }
}
