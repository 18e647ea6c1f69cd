//! What the tool-assisted policy reads off the saliency map, for its greedy and beam steps:
//! the map itself (recorded in the trace), its tokens ranked by saliency, and the sites
//! where suggestions are asked for.

use labels::Snippet;

use crate::attack::AttackRun;
use crate::error::Result;
use crate::suggester::Site;
use crate::target::SaliencyMap;
use crate::text::EditScope;
use crate::trace::Event;

/// The sites of a token: its substitution, and an insertion before it.
pub(crate) fn token_sites(map: &SaliencyMap, indices: &[usize], insertions: bool) -> Vec<Site> {
    let mut sites = Vec::new();
    for &i in indices {
        let span = map.tokens[i].span;
        sites.push(Site::Replace(span));
        if insertions {
            sites.push(Site::Insert {
                part: span.part,
                at: span.start,
            });
        }
    }
    sites
}

/// Saliency of the current snippet, recorded.
pub(crate) fn saliency(run: &mut AttackRun, snippet: &Snippet) -> Result<SaliencyMap> {
    let map = run.counter.saliency(snippet)?;
    run.record(Event::Saliency {
        score: map.score,
        tokens: map.tokens.clone(),
    });
    Ok(map)
}

/// Ranked tokens in scope.
pub(crate) fn ranked_tokens(map: &SaliencyMap, scope: EditScope) -> Vec<usize> {
    map.ranked(|span| scope.allows(span.part))
}
