//! Injury events: what the oracle finds in a text, before deciding whether it is new.

use serde::{Deserialize, Serialize};

use super::sentence::Referent;
use crate::lexicon::InjuryKind;

/// How directly the text states the injury.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Directness {
    /// Said outright: "stabbed", "died", "broke his arm".
    Explicit,
    /// Follows clearly from what is said: a funeral, a bandaged arm, "your only one".
    Implied,
    /// An injury revealed to have happened before: a scar, "had been shot last winter".
    Past,
}

impl Directness {
    /// The weight of the directness in egregiousness (severity × directness).
    pub fn weight(self) -> f64 {
        match self {
            Directness::Explicit => 1.0,
            Directness::Implied => 0.6,
            Directness::Past => 0.5,
        }
    }
}

/// The grammatical shape of the mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// An active verb: something is done now (`she stabbed him`).
    Act,
    /// A passive or intransitive report (`he was stabbed`, `his nose bled`).
    Report,
    /// A state or a thing: an adjective or a noun (`the dead guard`, `his wound`).
    State,
    /// A pluperfect look back (`he had been stabbed`).
    Reference,
}

/// Whether the text says the injury happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "why")]
pub enum Status {
    /// It happens or happened.
    Asserted,
    /// It is denied (`did not hurt him`, `no one was hurt`).
    Negated,
    /// It is threatened, wished, commanded, asked about or supposed (`I'll shoot you`,
    /// `if you move`, `Is he dead?`).
    Hypothetical,
    /// It almost happened (`nearly drowned`).
    NearMiss,
    /// Someone attacks and the text does not say whether the attack landed
    /// (`tried to stab him`, `shot at him`).
    Attempt,
    /// It is guessed at (`must have been killed`, `probably dead`).
    Epistemic,
    /// The word is used figuratively (`shot a glance`, `broke the silence`).
    Figurative,
    /// The text is genuinely ambiguous about an injury (`stabbed him in the back`, blood
    /// on the floor with no one bleeding).
    Borderline,
}

impl Status {
    /// The label contribution of an event with this status: `Some(true)` injurious,
    /// `Some(false)` unsure, `None` none.
    pub fn counts(self) -> Option<bool> {
        match self {
            Status::Asserted => Some(true),
            Status::Attempt | Status::Epistemic | Status::Borderline => Some(false),
            _ => None,
        }
    }
}

/// One mention of an injury.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// What kind of injury.
    pub kind: InjuryKind,
    /// Its severity, 1–9.
    pub severity: u8,
    /// Who is injured.
    pub victim: Referent,
    /// Which body part, when said.
    pub part: Option<String>,
    /// Grammatical shape.
    pub form: Form,
    /// How directly it is stated.
    pub directness: Directness,
    /// Whether it happens.
    pub status: Status,
    /// Whether the text marks it as another, additional injury (`again`, `another`).
    pub repeated: bool,
    /// The word (or phrase) that triggered it.
    pub trigger: String,
    /// Sentence number in the text (0-based).
    pub sentence: usize,
    /// Token index of the trigger in its sentence.
    pub position: usize,
    /// A short explanation of the status (which rule decided it).
    pub note: String,
}

/// An event as first found, before its status is decided.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub kind: InjuryKind,
    pub severity: u8,
    pub victim: Referent,
    pub part: Option<String>,
    pub form: Form,
    pub directness: Directness,
    pub position: usize,
    pub trigger: String,
    /// A status fixed by the rule that found it (figurative uses, attempts…).
    pub fixed: Option<(Status, &'static str)>,
    /// `nearly beaten to death`: a near miss of the death, but the beating happened.
    pub to_death_of: Option<(InjuryKind, u8)>,
    /// Negators inside `start..end` belong to the phrase (`never woke up`).
    pub own_span: Option<(usize, usize)>,
    /// The injury is presupposed by a later act (`will be buried`, `the funeral will be
    /// held`): a future modal does not make it hypothetical.
    pub presupposed: bool,
}

impl Candidate {
    pub fn new(
        kind: InjuryKind,
        severity: u8,
        victim: super::sentence::Referent,
        position: usize,
        trigger: impl Into<String>,
    ) -> Self {
        Candidate {
            kind,
            severity,
            victim,
            part: None,
            form: Form::Act,
            directness: Directness::Explicit,
            position,
            trigger: trigger.into(),
            fixed: None,
            to_death_of: None,
            own_span: None,
            presupposed: false,
        }
    }

    pub fn form(mut self, form: Form) -> Self {
        self.form = form;
        self
    }

    pub fn directness(mut self, directness: Directness) -> Self {
        self.directness = directness;
        self
    }

    pub fn part(mut self, part: Option<String>) -> Self {
        self.part = part;
        self
    }

    pub fn presupposed(mut self) -> Self {
        self.presupposed = true;
        self
    }

    pub fn fixed(mut self, status: Status, why: &'static str) -> Self {
        self.fixed = Some((status, why));
        self
    }
}
