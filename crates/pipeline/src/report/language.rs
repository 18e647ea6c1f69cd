//! How the adversarial examples read: the world's language checks
//! ([`storyworld::fluency`]) of each adversarial dataset's completions, beside which the
//! attacks' effort is to be read (an attack that may write any text is not the paper's
//! contractors, who wrote sensible stories).

use std::fmt::Write as _;

use labels::Dataset;
use metrics::RateEstimate;
use serde::{Deserialize, Serialize};
use storyworld::fluency::WorldVocabulary;

use crate::error::{PipelineError, Result};

/// The language of one adversarial dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageRow {
    /// The dataset (as Table 1 names it).
    pub dataset: String,
    /// Completions of only the world's words that form one sentence.
    pub well_formed: RateEstimate,
    /// Completions that are, up to the names, a sentence the world writes.
    pub world_sentences: RateEstimate,
}

/// The rows of the datasets that have examples (`(name, dataset)` in order).
pub fn language_rows(
    vocabulary: &WorldVocabulary,
    datasets: &[(&str, &Dataset)],
) -> Result<Vec<LanguageRow>> {
    let mut rows = Vec::new();
    for (name, data) in datasets {
        let n = data.len() as u64;
        if n == 0 {
            continue;
        }
        let (mut well_formed, mut world) = (0, 0);
        for e in data.examples() {
            let check = vocabulary.check(&e.snippet.completion);
            well_formed += u64::from(check.well_formed());
            world += u64::from(check.world_sentence);
        }
        let rate =
            |k| RateEstimate::new(k, n).map_err(|e| PipelineError::stage("report", e.to_string()));
        rows.push(LanguageRow {
            dataset: (*name).to_string(),
            well_formed: rate(well_formed)?,
            world_sentences: rate(world)?,
        });
    }
    Ok(rows)
}

/// The section of the report (empty without rows).
pub fn render(rows: &[LanguageRow]) -> String {
    let mut s = String::new();
    if rows.is_empty() {
        return s;
    }
    let _ = writeln!(
        s,
        "\n### How the adversarial examples read\n\n\
         The completions of each adversarial dataset checked like the generator's: \
         well-formed (only the world's words, one sentence) and, stricter, a sentence the \
         world writes up to the names. The paper's contractors wrote sensible text; the \
         automatic attackers here may write any text the oracle calls injurious, so read \
         the attacks' effort beside this.\n\n\
         | dataset | well-formed | world sentence |\n|---|---|---|"
    );
    for row in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            row.dataset, row.well_formed, row.world_sentences
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use labels::{Example, Label, Snippet, Source};

    fn data(completions: &[&str]) -> Dataset {
        Dataset::new(
            completions
                .iter()
                .map(|c| {
                    Example::new(
                        Snippet::new("Ada sat down.", *c),
                        Label::Injurious,
                        Source::ToolAssisted,
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn rows_count_well_formed_and_world_sentences_and_skip_empty_datasets() {
        let vocabulary = WorldVocabulary::from_sentences(&["Ada cut Bo's arm.", "Bo sat down."]);
        let rows = language_rows(
            &vocabulary,
            &[
                ("empty", &data(&[])),
                // a world sentence; well-formed but not the world's; an unknown word
                (
                    "mixed",
                    &data(&["Ada cut Bo's arm.", "Bo cut Ada down.", "Ada zorbed Bo."]),
                ),
            ],
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].well_formed.k, rows[0].well_formed.n), (2, 3));
        assert_eq!(
            (rows[0].world_sentences.k, rows[0].world_sentences.n),
            (1, 3)
        );
        assert!(render(&rows).contains("| mixed | 2/3"));
        assert_eq!(render(&[]), "");
    }
}
