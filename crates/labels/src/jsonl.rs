//! JSONL reading that names the file and line of every bad record, and atomic writing.

use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{LabelsError, Result};

/// The records of a JSONL file that parsed, and an error for each line that did not.
#[derive(Debug)]
pub struct JsonlContents<T> {
    /// Records of the good lines, in file order.
    pub records: Vec<T>,
    /// The 1-based line number of each record.
    pub lines: Vec<usize>,
    /// One [`LabelsError::MalformedLine`] per bad line, in file order.
    pub errors: Vec<LabelsError>,
    /// The 1-based numbers of the bad lines that look torn by a crash (a JSON value cut
    /// short, or bytes that are not UTF-8), a subset of the lines in `errors`; the others
    /// are whole lines of something else (random bytes, a record of another kind).
    pub torn: Vec<usize>,
}

/// Reads every line of a JSONL file, keeping the good records and reporting the bad
/// lines (blank lines are skipped). Only failing to open or read the file is an error.
pub fn read_jsonl_lenient<T: DeserializeOwned>(path: &Path) -> Result<JsonlContents<T>> {
    let file = File::open(path).map_err(|e| LabelsError::io(path, e))?;
    let mut records = Vec::new();
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut torn = Vec::new();
    for (index, line) in BufReader::new(file).lines().enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                errors.push(malformed(path, index + 1, "not valid UTF-8"));
                torn.push(index + 1);
                continue;
            }
            Err(e) => return Err(LabelsError::io(path, e)),
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<T>(&line) {
            Ok(record) => {
                records.push(record);
                lines.push(index + 1);
            }
            Err(e) => {
                // torn: the line is a JSON value cut short (its own parse ends early),
                // whatever type was expected
                if serde_json::from_str::<serde_json::Value>(&line).is_err_and(|v| v.is_eof()) {
                    torn.push(index + 1);
                }
                errors.push(malformed(path, index + 1, &e.to_string()));
            }
        }
    }
    Ok(JsonlContents {
        records,
        lines,
        errors,
        torn,
    })
}

/// Reads a JSONL file strictly: the first bad line is an error naming the file and line.
pub fn read_jsonl<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let contents = read_jsonl_lenient(path)?;
    match contents.errors.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(contents.records),
    }
}

fn malformed(path: &Path, line: usize, message: &str) -> LabelsError {
    LabelsError::MalformedLine {
        path: path.to_path_buf(),
        line,
        message: message.to_string(),
    }
}

/// Writes records as JSONL atomically: into a temporary file in the same directory,
/// flushed to disk, then renamed over `path`. A crash leaves either the old file or the
/// new one, never a half-written one.
pub fn write_jsonl_atomic<'a, T, I>(path: &Path, records: I) -> Result<()>
where
    T: Serialize + 'a,
    I: IntoIterator<Item = &'a T>,
{
    write_atomic(path, |w| {
        for record in records {
            serde_json::to_writer(&mut *w, record).map_err(std::io::Error::other)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })
}

/// Writes a file atomically (temporary file, fsync, rename, fsync of the directory) with
/// `fill` writing the contents. Only a regular file (or nothing) at `path` is replaced: a
/// symlink, a directory or a device there is an error, never overwritten.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| LabelsError::Invalid(format!("{}: not a file path", path.display())))?;
    // a rename replaces whatever is there: refuse all but a regular file (as root,
    // `--out /dev/null` would replace the device; a symlink would be replaced, not
    // followed)
    if let Ok(meta) = fs::symlink_metadata(path)
        && !meta.file_type().is_file()
    {
        return Err(LabelsError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file (a symlink, a directory or a device); refusing to replace it",
            ),
        });
    }
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut w = BufWriter::new(File::create(&tmp)?);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        // make the rename itself durable
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e: std::io::Error| {
        let _ = fs::remove_file(&tmp);
        LabelsError::io(path, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_regular_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out.jsonl");
        write_atomic(&file, |w| w.write_all(b"one\n")).unwrap();
        write_atomic(&file, |w| w.write_all(b"two\n")).unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "two\n");
        let err = write_atomic(dir.path(), |w| w.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.jsonl");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            let err = write_atomic(&link, |w| w.write_all(b"three\n")).unwrap_err();
            assert!(
                err.to_string().contains("link.jsonl: not a regular file"),
                "{err}"
            );
            // neither the link nor its target changed
            assert!(
                fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(fs::read_to_string(&file).unwrap(), "two\n");
            let err = write_atomic(Path::new("/dev/null"), |w| w.write_all(b"x")).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
    }

    #[test]
    fn bad_lines_are_named_and_good_lines_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.jsonl");
        fs::write(&path, "1\n\nnot json\n3\n").unwrap();
        let contents = read_jsonl_lenient::<u32>(&path).unwrap();
        assert_eq!(contents.records, vec![1, 3]);
        assert_eq!(contents.errors.len(), 1);
        let message = contents.errors[0].to_string();
        assert!(message.contains("x.jsonl:3:"), "{message}");
        assert!(read_jsonl::<u32>(&path).is_err());
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("y.jsonl");
        write_jsonl_atomic(&path, &[1u32, 2]).unwrap();
        write_jsonl_atomic(&path, &[7u32]).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "7\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_file_names_the_path() {
        let err = read_jsonl::<u32>(Path::new("/nonexistent/z.jsonl")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/z.jsonl"));
    }
}
