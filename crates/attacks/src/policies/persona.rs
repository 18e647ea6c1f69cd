//! Who runs an automatic policy: the author its examples are recorded under and the
//! egregiousness rater, with the builder methods every policy offers for them and the
//! [`Frame`] of a policy's runs.

use labels::Source;

use crate::objective::Egregiousness;
use crate::search::{Frame, SearchSettings};

/// The author and rater of an automatic policy.
pub(crate) struct Persona<'a> {
    /// Rates egregiousness (needed by [`crate::Objective::MostEgregious`]).
    pub rater: Option<&'a dyn Egregiousness>,
    /// Who the examples are recorded as written by.
    pub author: String,
}

impl<'a> Persona<'a> {
    /// A persona writing as `author`, with no rater.
    pub fn new(author: &str) -> Self {
        Persona {
            rater: None,
            author: author.into(),
        }
    }

    /// The frame of a run of the policy `attack`: its examples come from `source`, it
    /// searches with `settings`.
    pub fn frame<'f>(
        &'f self,
        attack: &'f str,
        source: Source,
        settings: &'f SearchSettings,
    ) -> Frame<'f> {
        Frame {
            attack,
            author: &self.author,
            source,
            settings,
            rater: self.rater,
        }
    }
}

/// The builder methods `with_egregiousness` and `with_author` of a policy that keeps its
/// [`Persona`] in a field `persona`; `$a` is the lifetime of the rater.
macro_rules! persona_builders {
    ($a:lifetime) => {
        /// Rates egregiousness with `rater` (needed by [`crate::Objective::MostEgregious`]).
        pub fn with_egregiousness(
            mut self,
            rater: &$a dyn $crate::objective::Egregiousness,
        ) -> Self {
            self.persona.rater = Some(rater);
            self
        }

        /// Records examples as written by `author`.
        pub fn with_author(mut self, author: impl Into<String>) -> Self {
            self.persona.author = author.into();
            self
        }
    };
}

pub(crate) use persona_builders;
