//! The composed rules (body states, death signs, removals, takes) behind one gate: most
//! words start none of them, and a set lookup answers that faster than asking each rule.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::event::Candidate;
use super::sentence::Analysis;
use super::{body_state, death_signs, removal, takes};

fn gate() -> &'static HashSet<&'static str> {
    static GATE: OnceLock<HashSet<&'static str>> = OnceLock::new();
    GATE.get_or_init(|| {
        body_state::DAMAGE_WORDS
            .iter()
            .map(|(w, _, _)| *w)
            .chain(body_state::IMPACT_VERBS.iter().copied())
            .chain(body_state::PATH_VERBS.iter().copied())
            .chain(body_state::OTHER_TRIGGERS.iter().copied())
            .chain(death_signs::VITAL_SIGNS.iter().copied())
            .chain(death_signs::TRIGGERS.iter().copied())
            .chain(removal::TAKING_OUT.iter().copied())
            .chain(removal::LODGED.iter().copied())
            .chain(takes::TRIGGERS.iter().copied())
            .collect()
    })
}

/// The first composed rule that finds an injury at `i`.
pub(crate) fn composed_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if a.word(i + 1) == "it"
        && let Some(c) = takes::it_in_part_at(a, i)
    {
        return Some(c);
    }
    if !gate().contains(a.word(i)) {
        return None;
    }
    body_state::damaged_part_at(a, i)
        .or_else(|| body_state::oozing_on_part_at(a, i))
        .or_else(|| body_state::impact_at(a, i))
        .or_else(|| body_state::moved_across_at(a, i))
        .or_else(|| body_state::stamped_on_at(a, i))
        .or_else(|| body_state::laid_open_at(a, i))
        .or_else(|| death_signs::stopped_sign_at(a, i))
        .or_else(|| death_signs::stopped_by_at(a, i))
        .or_else(|| death_signs::dead_eyes_at(a, i))
        .or_else(|| death_signs::name_on_memorial_at(a, i))
        .or_else(|| death_signs::remains_at(a, i))
        .or_else(|| death_signs::laid_in_ground_at(a, i))
        .or_else(|| death_signs::put_to_sleep_at(a, i))
        .or_else(|| death_signs::hanging_by_at(a, i))
        .or_else(|| death_signs::grave_dug_at(a, i))
        .or_else(|| death_signs::cold_for_hours_at(a, i))
        .or_else(|| removal::taken_out_at(a, i))
        .or_else(|| removal::lodged_at(a, i))
        .or_else(|| takes::weapon_takes_at(a, i))
        .or_else(|| takes::took_another_at(a, i))
        .or_else(|| takes::bit_into_at(a, i))
        .or_else(|| takes::eyes_put_out_at(a, i))
}
