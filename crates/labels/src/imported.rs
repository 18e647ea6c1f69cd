//! Labels given elsewhere (by people, another tool) and imported from a JSONL file.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{LabelsError, Result};
use crate::jsonl::read_jsonl;
use crate::label::{Judgement, Label};
use crate::labeler::Labeler;
use crate::snippet::Snippet;

/// One line of a label file: `{"prompt": "...", "completion": "...", "label": "injurious"}`,
/// optionally with `"labeler": "alice"` and `"seconds": 12.5`. Dataset files (lines of
/// [`crate::Example`]) have these fields too, so they can be imported as labels directly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelRecord {
    /// The labeled text.
    #[serde(flatten)]
    pub snippet: Snippet,
    /// Its label.
    pub label: Label,
    /// Who gave it, when the file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labeler: Option<String>,
    /// How long it took, when the file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

/// A [`Labeler`] that answers from a file of labels. Asking it about a snippet the file
/// does not hold is an error ([`LabelsError::NotLabeled`]), never a guess.
#[derive(Debug, Clone)]
pub struct ImportedLabels {
    id: String,
    by_key: HashMap<String, (Label, Option<f64>)>,
}

impl ImportedLabels {
    /// Reads a label file. With `labeler = Some(name)`, only the lines whose `labeler` is
    /// `name` are used and the id is `name`; otherwise every line is used and the id is
    /// `import:<file name>`. The same snippet labeled twice differently (by the selected
    /// labeler) is an error naming both lines.
    pub fn from_jsonl(path: impl AsRef<Path>, labeler: Option<&str>) -> Result<Self> {
        let path = path.as_ref();
        let records: Vec<LabelRecord> = read_jsonl(path)?;
        let id = match labeler {
            Some(name) => name.to_string(),
            None => format!(
                "import:{}",
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string())
            ),
        };
        let mut by_key = HashMap::with_capacity(records.len());
        let mut line_of: HashMap<String, usize> = HashMap::new();
        for (index, record) in records.into_iter().enumerate() {
            if labeler.is_some() && record.labeler.as_deref() != labeler {
                continue;
            }
            let key = record.snippet.key();
            if let Some((previous, _)) = by_key.get(&key)
                && *previous != record.label
            {
                return Err(LabelsError::MalformedLine {
                    path: path.to_path_buf(),
                    line: index + 1,
                    message: format!(
                        "snippet {key} is labeled {} here and {previous} on line {}",
                        record.label, line_of[&key]
                    ),
                });
            }
            line_of.entry(key.clone()).or_insert(index + 1);
            by_key.entry(key).or_insert((record.label, record.seconds));
        }
        Ok(ImportedLabels { id, by_key })
    }

    /// Number of distinct snippets labeled.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether no snippet is labeled.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

impl Labeler for ImportedLabels {
    fn id(&self) -> &str {
        &self.id
    }

    fn label_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<Judgement>> {
        snippets
            .iter()
            .map(|s| {
                let key = s.key();
                match self.by_key.get(&key) {
                    Some(&(label, seconds)) => Ok(Judgement {
                        labeler: self.id.clone(),
                        label,
                        seconds,
                    }),
                    None => Err(LabelsError::NotLabeled {
                        labeler: self.id.clone(),
                        key,
                    }),
                }
            })
            .collect()
    }
}
