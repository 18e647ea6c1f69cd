//! Multi-word injury verbs from WordNet (`gunned down`, `passed away`, `mowed them down`).

use crate::lexicon::Frame;
use crate::oracle::event::{Candidate, Form};
use crate::oracle::sentence::{Analysis, Head};
use crate::oracle::voice::{noun_position, passive_aux};

/// A multi-word injury verb from WordNet (`gunned down`, `passed away`, `mowed them
/// down`).
pub(crate) fn phrase_verb_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let entries = a.lexicon.phrase_verbs.get(a.word(i))?;
    if noun_position(a, i) {
        return None;
    }
    for pv in entries {
        let verb = &a.lexicon.verbs[pv.verb];
        let trigger = format!("{} {}", a.word(i), pv.rest.join(" "));
        let contiguous = pv
            .rest
            .iter()
            .enumerate()
            .all(|(k, w)| a.word(i + 1 + k) == w);
        let transitive = verb.frame != Frame::Intransitive;
        if contiguous {
            let last = i + pv.rest.len();
            let victim = if !transitive {
                a.subject_of(i).or_else(|| a.neighbouring_subject(i))
            } else if passive_aux(a, i).is_some() {
                a.subject_of(i)
            } else {
                a.np_at(last + 1)
            };
            let Some(np) = victim.filter(|np| matches!(np.head, Head::Character(_))) else {
                continue;
            };
            let mut c = Candidate::new(verb.kind, verb.severity, np.victim()?, i, trigger)
                .form(if transitive { Form::Act } else { Form::Report });
            c.own_span = Some((i, last + 1));
            return Some(c);
        }
        if transitive
            && pv.rest.len() == 1
            && let Some(np) = a.np_at(i + 1)
            && matches!(np.head, Head::Character(_))
            && a.word(np.end) == pv.rest[0]
        {
            return Some(Candidate::new(
                verb.kind,
                verb.severity,
                np.victim()?,
                i,
                trigger,
            ));
        }
    }
    None
}
