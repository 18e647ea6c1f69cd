//! One step of the tool-assisted beam search: every snippet of the beam is expanded at
//! its most salient tokens, all candidates are scored, and the best `beam_width` that the
//! labeler judges injurious form the next beam. The climb moves to the best of them while
//! it improves on the best so far.

use crate::attack::AttackRun;
use crate::edit::Edit;
use crate::error::Result;
use crate::search::{Climber, State, Step};
use crate::suggester::Suggester;

use super::config::ToolAssistedConfig;
use super::saliency::{ranked_tokens, saliency, token_sites};

pub(crate) fn beam_step(
    run: &mut AttackRun,
    climber: &Climber,
    suggester: &dyn Suggester,
    config: &ToolAssistedConfig,
    beam: &mut Vec<State>,
    current: &State,
    polishing: bool,
) -> Result<Step> {
    let mut pool: Vec<State> = Vec::new();
    for state in beam.iter() {
        let map = saliency(run, &state.snippet)?;
        let ranked = ranked_tokens(&map, config.search.scope);
        let chosen: Vec<usize> = ranked.into_iter().take(config.positions_per_step).collect();
        if chosen.is_empty() {
            continue;
        }
        let sites = token_sites(&map, &chosen, config.insertions);
        let suggestions = suggester.suggest(&state.snippet, &sites, config.suggestions_per_site)?;
        let edits = suggestions.into_iter().flatten().map(|s| s.edit).collect();
        let site = Some(map.tokens[chosen[0]].span);
        let candidates = climber.score_edits(run, &state.snippet, edits, site)?;
        // improving on the beam member's own value is not required: a beam may go
        // sideways; the climb moves only when the best of the new beam beats `current`
        let floor = State {
            value: f64::INFINITY,
            score: f64::INFINITY,
            ..state.clone()
        };
        for (_, s) in climber.improving(run, &floor, candidates, polishing)? {
            if !pool.iter().any(|p| p.snippet == s.snippet) {
                pool.push(s);
            }
        }
    }
    pool.sort_by(|a, b| a.value.total_cmp(&b.value));
    let mut next: Vec<State> = Vec::new();
    let most_checks = config.beam_width * climber.max_label_checks;
    for (checks, s) in pool.into_iter().enumerate() {
        if next.len() >= config.beam_width || checks >= most_checks {
            break;
        }
        if run.is_injurious(&s.snippet)? {
            next.push(s);
        }
    }
    match next.first() {
        Some(best) if best.value < current.value => {
            let best = best.clone();
            *beam = next;
            let edits: Vec<Edit> = Edit::diff(&current.snippet, &best.snippet);
            Ok(Step::Moved(edits, best))
        }
        _ => Ok(Step::Exhausted),
    }
}
