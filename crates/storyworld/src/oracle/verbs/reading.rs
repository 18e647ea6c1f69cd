//! One way of reading an injury verb form: its frame, kind, severity, form and lemma.

use crate::lexicon::{Frame, InjuryKind, VerbForm};
use crate::oracle::event::{Candidate, Form};
use crate::oracle::sentence::{Analysis, Referent};
use crate::oracle::voice::{pluperfect, severity_for_part};

/// One way of reading an injury verb form.
pub(super) struct Reading<'l> {
    pub(super) frame: Frame,
    pub(super) kind: InjuryKind,
    pub(super) severity: u8,
    pub(super) form: VerbForm,
    pub(super) lemma: &'l str,
    pub(super) attributive_only: bool,
}

impl Reading<'_> {
    /// The candidate of this reading of word `i` hurting `victim` (in `part`): its
    /// severity raised for a vital part, and its form `form` unless the clause is
    /// pluperfect (then a reference to an earlier injury).
    pub(super) fn candidate(
        &self,
        a: &Analysis,
        i: usize,
        victim: Referent,
        part: Option<String>,
        word: String,
        form: Form,
    ) -> Candidate {
        Candidate::new(
            self.kind,
            severity_for_part(a, self.kind, self.severity, &part),
            victim,
            i,
            word,
        )
        .part(part)
        .form(if pluperfect(a, i) {
            Form::Reference
        } else {
            form
        })
    }
}
