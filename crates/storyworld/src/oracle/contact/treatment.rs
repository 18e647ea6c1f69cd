//! What follows an injury: a wound bandaged or a limb in a cast, a burial (which implies a
//! death), a character knocked out or teeth knocked out.

use super::blood::owner_named_by;
use crate::lexicon::InjuryKind;
use crate::oracle::event::{Candidate, Directness, Form};
use crate::oracle::sentence::{Analysis, Head, Referent};

/// `bandaged his arm`, `her leg in a cast`, `knocked him out`.
pub(crate) fn treatment_or_knockout_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    if matches!(
        w,
        "bandaged" | "bandaging" | "stitched" | "splinted" | "dressed" | "bandage" | "bandages"
    ) {
        let np = a.np_at(i + 1)?;
        let victim = np.victim()?;
        let dressed_ok = w != "dressed" || matches!(a.word(np.head_index), "wound" | "wounds");
        if !dressed_ok {
            return None;
        }
        return Some(
            Candidate::new(InjuryKind::Harm, 3, victim, i, w)
                .part(match &np.head {
                    Head::Part { part, .. } => Some(part.clone()),
                    _ => None,
                })
                .directness(Directness::Implied)
                .form(Form::State),
        );
    }
    if w == "in" && a.word(i + 1) == "a" && matches!(a.word(i + 2), "sling" | "cast") && i > 0 {
        let np = a.np_ending_at(i - 1, a.clause(i).start)?;
        if let Head::Part { part, possessor } = &np.head {
            return Some(
                Candidate::new(
                    InjuryKind::Fracture,
                    5,
                    possessor.clone().unwrap_or(Referent::Unknown),
                    i,
                    "in a cast",
                )
                .part(Some(part.clone()))
                .directness(Directness::Implied)
                .form(Form::State),
            );
        }
    }
    // `they buried her father`: a burial implies a death
    if matches!(w, "buried" | "bury" | "buries" | "burying") {
        // `Tom will be buried tomorrow`: a named or described character, not `buried in
        // snow` or `buried alive`
        if let Some(aux) = crate::oracle::voice::passive_aux(a, i)
            && let Some(np) = a.subject_of(aux + 1).or_else(|| a.subject_of(i))
            && let Head::Character(r @ (Referent::Name(_) | Referent::Noun(_))) = &np.head
            && !matches!(a.word(i + 1), "alive" | "in" | "under" | "beneath" | "by")
        {
            return Some(
                Candidate::new(
                    InjuryKind::Death,
                    9,
                    r.clone(),
                    i,
                    format!("{w} (a burial)"),
                )
                .directness(Directness::Implied)
                .form(Form::State)
                .presupposed(),
            );
        }
        let np = a.np_at(i + 1)?;
        if let Head::Character(r) = &np.head {
            // `we will bury Father on Sunday`; but `I'll bury you` is a threat
            let presupposed = matches!(r, Referent::Name(_) | Referent::Noun(_));
            let c = Candidate::new(
                InjuryKind::Death,
                9,
                r.clone(),
                i,
                format!("{w} {}", a.word(np.head_index)),
            )
            .directness(Directness::Implied)
            .form(Form::State);
            return Some(if presupposed { c.presupposed() } else { c });
        }
        return None;
    }
    if matches!(w, "knocked" | "knock" | "knocks" | "knocking") {
        // `she was knocked out by the punch`
        if matches!(a.word(i + 1), "out" | "unconscious" | "senseless")
            && let Some(aux) = crate::oracle::voice::passive_aux(a, i)
            && let Some(Head::Character(r)) = a.subject_of(aux + 1).map(|np| np.head)
        {
            return Some(Candidate::new(
                InjuryKind::Unconscious,
                4,
                r,
                i,
                format!("knocked {}", a.word(i + 1)),
            ));
        }
        let np = a.np_at(i + 1)?;
        if let Head::Character(r) = &np.head
            && matches!(
                a.word(np.end),
                "out" | "unconscious" | "cold" | "senseless" | "flat" | "down"
            )
        {
            let (kind, sev) = if a.word(np.end) == "down" {
                (InjuryKind::Blow, 2)
            } else {
                (InjuryKind::Unconscious, 4)
            };
            return Some(Candidate::new(
                kind,
                sev,
                r.clone(),
                i,
                format!("knocked {}", a.word(np.end)),
            ));
        }
        // `knocked three of her teeth out`
        if let Head::Part { part, possessor } = &np.head
            && matches!(part.as_str(), "tooth" | "teeth")
            && matches!(a.word(np.end), "out" | "loose")
        {
            let victim = possessor
                .clone()
                .or_else(|| {
                    (np.start..np.head_index)
                        .find_map(|k| owner_named_by(&a.tokens[k].text, a.tokens[k].possessive))
                })
                .unwrap_or(Referent::Unknown);
            return Some(
                Candidate::new(InjuryKind::Maim, 4, victim, i, "knocked teeth out")
                    .part(Some(part.clone())),
            );
        }
    }
    None
}
