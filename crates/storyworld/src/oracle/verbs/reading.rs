//! One way of reading an injury verb form: its frame, kind, severity, form and lemma.

use crate::lexicon::{Frame, InjuryKind, VerbForm};

/// One way of reading an injury verb form.
pub(super) struct Reading<'l> {
    pub(super) frame: Frame,
    pub(super) kind: InjuryKind,
    pub(super) severity: u8,
    pub(super) form: VerbForm,
    pub(super) lemma: &'l str,
    pub(super) attributive_only: bool,
}
