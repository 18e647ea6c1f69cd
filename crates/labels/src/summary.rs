//! Counts per source and split, in the shape of the paper's Table 1.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::example::Split;
use crate::label::{Label, UnsurePolicy};
use crate::source::Source;

/// Examples in one cell of the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// All examples (retracted ones excluded).
    pub total: usize,
    /// Those counted injurious under the summary's [`UnsurePolicy`].
    pub injurious: usize,
    /// Those labeled `Unsure` (already included in `injurious` under the default policy).
    pub unsure: usize,
}

impl Count {
    /// The injurious share, or `None` for an empty cell.
    pub fn injurious_fraction(&self) -> Option<f64> {
        (self.total > 0).then(|| self.injurious as f64 / self.total as f64)
    }
}

/// One row: a source's counts per split (`None` = examples without a split).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
    /// The source.
    pub source: Source,
    /// Counts per split.
    pub cells: BTreeMap<Option<Split>, Count>,
}

/// The paper's Table 1: labeled snippets per source and split, with the share injurious.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Rows in the paper's source order, then custom sources by name.
    pub rows: Vec<SummaryRow>,
    /// How `Unsure` was counted.
    pub policy: UnsurePolicy,
}

impl Dataset {
    /// Counts per source and split (retracted examples are left out). `Unsure` is counted
    /// as injurious or not by `policy` (and excluded from both counts under `Exclude`).
    pub fn summary(&self, policy: UnsurePolicy) -> Summary {
        let mut by_source: BTreeMap<(usize, Source), BTreeMap<Option<Split>, Count>> =
            BTreeMap::new();
        for e in self.examples().iter().filter(|e| !e.provenance.retracted) {
            let Some(target) = e.label.training_target(policy) else {
                continue;
            };
            let order = Source::PAPER
                .iter()
                .position(|s| *s == e.source)
                .unwrap_or(Source::PAPER.len());
            let cell = by_source
                .entry((order, e.source.clone()))
                .or_default()
                .entry(e.split)
                .or_default();
            cell.total += 1;
            cell.injurious += usize::from(target);
            cell.unsure += usize::from(e.label == Label::Unsure);
        }
        Summary {
            rows: by_source
                .into_iter()
                .map(|((_, source), cells)| SummaryRow { source, cells })
                .collect(),
            policy,
        }
    }
}

impl Summary {
    /// The table as Markdown: `count (pct% injurious)` per cell, `—` for an empty cell;
    /// a column for examples without a split appears only when there are some.
    pub fn to_markdown(&self) -> String {
        let unassigned = self.rows.iter().any(|r| r.cells.contains_key(&None));
        let mut columns: Vec<Option<Split>> = Split::ALL.iter().copied().map(Some).collect();
        if unassigned {
            columns.push(None);
        }
        let mut out = String::from("| Dataset |");
        for c in &columns {
            out.push_str(&format!(" {} |", column_title(*c)));
        }
        out.push_str("\n|---|");
        out.push_str(&"---:|".repeat(columns.len()));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&format!("| {} |", row.source.title()));
            for c in &columns {
                match row.cells.get(c) {
                    Some(count) if count.total > 0 => {
                        let pct = 100.0 * count.injurious_fraction().unwrap_or(0.0);
                        out.push_str(&format!(" {} ({pct:.0}%) |", group_thousands(count.total)));
                    }
                    _ => out.push_str(" — |"),
                }
            }
            out.push('\n');
        }
        out
    }
}

fn column_title(split: Option<Split>) -> &'static str {
    match split {
        Some(Split::Train) => "Train",
        Some(Split::Validation) => "Validation",
        Some(Split::Test) => "Test",
        None => "No split",
    }
}

/// `166210` → `166,210`, as the paper prints counts.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(166_210), "166,210");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
    }
}
