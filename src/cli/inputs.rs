//! Reading the inputs every step shares: a story corpus in any of three formats, and
//! snippets from JSONL; every error names the file (and line).

use std::path::Path;

use labels::{Snippet, Split};

use super::error::CliError;

/// Reads a corpus of stories: a JSON array of strings (like a run's `data/corpus.json`),
/// JSONL whose lines are objects with a `"text"` string, or plain text with one story per
/// line. Blank lines are skipped; an empty corpus is an error.
pub fn read_corpus(path: &Path) -> Result<Vec<String>, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let trimmed = text.trim_start();
    let stories: Vec<String> = if trimmed.starts_with('[') {
        serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}: not a JSON array of strings (line {}, column {}): {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?
    } else if trimmed.starts_with('{') {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = |m: String| format!("{}:{}: {m}", path.display(), i + 1);
            let value: serde_json::Value =
                serde_json::from_str(line).map_err(|e| at(format!("not JSON: {e}")))?;
            let story = value
                .get("text")
                .and_then(|t| t.as_str())
                .ok_or_else(|| at("expected an object with a \"text\" string".into()))?;
            out.push(story.to_string());
        }
        out
    } else {
        text.lines().map(str::to_string).collect()
    };
    let stories: Vec<String> = stories
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    if stories.is_empty() {
        return Err(format!("{}: the corpus holds no stories", path.display()).into());
    }
    Ok(stories)
}

/// A snippet read from an input file, with the split it already had when the file is a
/// dataset being labeled again.
#[derive(Debug, serde::Deserialize)]
pub struct InputSnippet {
    /// The snippet.
    #[serde(flatten)]
    pub snippet: Snippet,
    /// The dataset's split, if the line had one.
    #[serde(default)]
    pub split: Option<Split>,
}

/// Reads snippets from JSONL (`{"prompt": …, "completion": …}` per line; other keys, such
/// as a dataset's labels, are ignored). A malformed line, an empty completion or a part
/// over a snippet's size limits is an error naming its line.
pub fn read_snippets(path: &Path) -> Result<Vec<Snippet>, CliError> {
    Ok(read_input_snippets(path)?
        .into_iter()
        .map(|i| i.snippet)
        .collect())
}

/// [`read_snippets`], keeping each line's `split` (a dataset labeled again keeps its
/// splits).
pub fn read_input_snippets(path: &Path) -> Result<Vec<InputSnippet>, CliError> {
    let contents = labels::read_jsonl_lenient::<InputSnippet>(path)?;
    if let Some(first) = contents.errors.into_iter().next() {
        return Err(first.into());
    }
    for (input, line) in contents.records.iter().zip(&contents.lines) {
        input
            .snippet
            .validate()
            .map_err(|e| format!("{}:{line}: {e}", path.display()))?;
    }
    if contents.records.is_empty() {
        return Err(format!("{}: no snippets", path.display()).into());
    }
    Ok(contents.records)
}

/// Creates the directory a file is written into.
pub fn create_parent(path: &Path) -> Result<(), CliError> {
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    Ok(())
}

/// What a path names on disk, for telling whether two flags name one file: the canonical
/// path of an existing file, else the canonical directory joined with the name (a file
/// still to be made), else the path as given.
fn identity(path: &Path) -> std::path::PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let parent = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// Refuses two flags that name the same file (`--journal X --out X` would overwrite the
/// journal; `--journal X --input X` would append judgements to the input), through
/// symlinks and relative paths alike.
pub fn distinct_files(roles: &[(&str, &Path)]) -> Result<(), CliError> {
    let ids: Vec<std::path::PathBuf> = roles.iter().map(|(_, p)| identity(p)).collect();
    for i in 0..roles.len() {
        for j in i + 1..roles.len() {
            if ids[i] == ids[j] {
                return Err(format!(
                    "{} and {} name the same file ({}): give each its own",
                    roles[i].0,
                    roles[j].0,
                    roles[i].1.display()
                )
                .into());
            }
        }
    }
    Ok(())
}
