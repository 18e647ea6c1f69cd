//! Substitution and insertion candidates (the paper's "fill-in-the-blank" suggestions from
//! a masked LM, §4.4.3), as text edits.

use labels::Snippet;
use serde::{Deserialize, Serialize};

use crate::edit::Edit;
use crate::error::Result;
use crate::text::{Part, TextSpan};

/// Where a suggestion goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Site {
    /// Replace the text under the span (typically one token of the target).
    Replace(TextSpan),
    /// Insert at a character position of a part.
    Insert {
        /// The part.
        part: Part,
        /// Character offset to insert at.
        at: usize,
    },
}

impl Site {
    /// The part the site is in.
    pub fn part(&self) -> Part {
        match self {
            Site::Replace(span) => span.part,
            Site::Insert { part, .. } => *part,
        }
    }
}

/// One candidate edit and how plausible the suggester finds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The edit.
    pub edit: Edit,
    /// The suggester's log-probability (or another "higher is likelier" number).
    pub plausibility: f64,
}

/// A source of candidate edits at chosen sites.
pub trait Suggester {
    /// A name for traces.
    fn name(&self) -> &str;

    /// At most `per_site` suggestions for each site, likeliest first, in the order of
    /// `sites`. Every suggestion changes the snippet (no suggestion restores the text
    /// already there).
    fn suggest(
        &self,
        snippet: &Snippet,
        sites: &[Site],
        per_site: usize,
    ) -> Result<Vec<Vec<Suggestion>>>;
}

impl<S: Suggester + ?Sized> Suggester for &S {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn suggest(
        &self,
        snippet: &Snippet,
        sites: &[Site],
        per_site: usize,
    ) -> Result<Vec<Vec<Suggestion>>> {
        (**self).suggest(snippet, sites, per_site)
    }
}

/// Several suggesters asked in turn; their suggestions for a site are interleaved (first
/// of each, then second of each…), duplicates dropped, cut at `per_site`.
pub struct CombinedSuggester<'a> {
    name: String,
    parts: Vec<&'a dyn Suggester>,
}

impl<'a> CombinedSuggester<'a> {
    /// Combines `parts` (asked in this order).
    pub fn new(parts: Vec<&'a dyn Suggester>) -> Self {
        let name = parts.iter().map(|p| p.name()).collect::<Vec<_>>().join("+");
        CombinedSuggester { name, parts }
    }
}

impl Suggester for CombinedSuggester<'_> {
    fn name(&self) -> &str {
        &self.name
    }

    fn suggest(
        &self,
        snippet: &Snippet,
        sites: &[Site],
        per_site: usize,
    ) -> Result<Vec<Vec<Suggestion>>> {
        let mut lists: Vec<Vec<Vec<Suggestion>>> = Vec::with_capacity(self.parts.len());
        for p in &self.parts {
            lists.push(p.suggest(snippet, sites, per_site)?);
        }
        Ok((0..sites.len())
            .map(|site| {
                let mut out: Vec<Suggestion> = Vec::new();
                let longest = lists
                    .iter()
                    .map(|l| l.get(site).map_or(0, Vec::len))
                    .max()
                    .unwrap_or(0);
                'rank: for rank in 0..longest {
                    for list in &lists {
                        if out.len() >= per_site {
                            break 'rank;
                        }
                        if let Some(s) = list.get(site).and_then(|l| l.get(rank))
                            && !out.iter().any(|o| o.edit == s.edit)
                        {
                            out.push(s.clone());
                        }
                    }
                }
                out
            })
            .collect())
    }
}
