//! Whose body part it is: the owner of a possessive (`Tom's`, `his`) and the body part
//! named just before an effect, with its owner.

use crate::oracle::grammar::pronoun;
use crate::oracle::sentence::{Analysis, Head, Referent};

/// The owner of a possessive token at `k` (`Tom's`, `his`, `her`).
pub(crate) fn possessive_owner(a: &Analysis, k: usize) -> Option<Referent> {
    let t = a.tokens.get(k)?;
    if t.possessive {
        return Some(if a.is_name(k) {
            Referent::Name(t.text.clone())
        } else {
            Referent::Noun(t.text.clone())
        });
    }
    pronoun(&t.text)
        .filter(|p| p.possessive || t.text == "her")
        .map(|p| Referent::Pronoun(p.group))
}

/// The nearest body part before `i` in its clause (at most six words back), with its
/// owner: `Her wrist was bent…` → (her, wrist).
pub(crate) fn part_before(a: &Analysis, i: usize) -> Option<(Referent, String)> {
    // the sentence, not the clause: `his eye was purple and swollen shut`
    let floor = i.saturating_sub(8);
    (floor..i).rev().find_map(|j| {
        if !a.is_body_part(j) {
            return None;
        }
        let np = a.np_ending_at(j, floor)?;
        match np.head {
            Head::Part { part, possessor } => Some((
                possessor
                    .or_else(|| j.checked_sub(1).and_then(|p| possessive_owner(a, p)))
                    .unwrap_or(Referent::Unknown),
                part,
            )),
            _ => None,
        }
    })
}
