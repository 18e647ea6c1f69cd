//! Kinds of injury, with their severity.

use serde::{Deserialize, Serialize};

/// What kind of injury a word or an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InjuryKind {
    /// A death.
    Death,
    /// Loss or destruction of a body part, blinding, paralysis.
    Maim,
    /// A stab or piercing wound.
    Stab,
    /// A gunshot wound.
    Gunshot,
    /// A cut or slash.
    Cut,
    /// A burn.
    Burn,
    /// Poisoning.
    Poison,
    /// Strangling, choking, smothering.
    Strangle,
    /// A broken bone or crushed body part.
    Fracture,
    /// A bite or mauling by an animal.
    Bite,
    /// A blow: punched, kicked, beaten.
    Blow,
    /// Bleeding.
    Bleeding,
    /// An unspecified injury: hurt, injured, wounded.
    Harm,
    /// A minor injury: a scratch, a bruise, a sprain.
    Minor,
    /// A scar: the trace of a past injury.
    Scar,
    /// Knocked out, concussed.
    Unconscious,
}

impl InjuryKind {
    /// All kinds.
    pub const ALL: [InjuryKind; 16] = [
        InjuryKind::Death,
        InjuryKind::Maim,
        InjuryKind::Stab,
        InjuryKind::Gunshot,
        InjuryKind::Cut,
        InjuryKind::Burn,
        InjuryKind::Poison,
        InjuryKind::Strangle,
        InjuryKind::Fracture,
        InjuryKind::Bite,
        InjuryKind::Blow,
        InjuryKind::Bleeding,
        InjuryKind::Harm,
        InjuryKind::Minor,
        InjuryKind::Scar,
        InjuryKind::Unconscious,
    ];

    /// The kind's name in tables and reasons (`death`, `stab`…).
    pub fn name(self) -> &'static str {
        match self {
            InjuryKind::Death => "death",
            InjuryKind::Maim => "maim",
            InjuryKind::Stab => "stab",
            InjuryKind::Gunshot => "gunshot",
            InjuryKind::Cut => "cut",
            InjuryKind::Burn => "burn",
            InjuryKind::Poison => "poison",
            InjuryKind::Strangle => "strangle",
            InjuryKind::Fracture => "fracture",
            InjuryKind::Bite => "bite",
            InjuryKind::Blow => "blow",
            InjuryKind::Bleeding => "bleeding",
            InjuryKind::Harm => "harm",
            InjuryKind::Minor => "minor",
            InjuryKind::Scar => "scar",
            InjuryKind::Unconscious => "unconscious",
        }
    }

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<InjuryKind> {
        InjuryKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Typical severity on a 1–9 scale (a death is 9, a scratch 2); the words of a kind
    /// may carry their own.
    pub fn severity(self) -> u8 {
        match self {
            InjuryKind::Death => 9,
            InjuryKind::Maim => 8,
            InjuryKind::Stab | InjuryKind::Gunshot => 7,
            InjuryKind::Burn | InjuryKind::Poison | InjuryKind::Strangle => 6,
            InjuryKind::Fracture => 5,
            InjuryKind::Cut | InjuryKind::Bite | InjuryKind::Unconscious => 4,
            InjuryKind::Blow | InjuryKind::Bleeding | InjuryKind::Harm | InjuryKind::Scar => 3,
            InjuryKind::Minor => 2,
        }
    }

    /// Whether a mention of this kind can be a continuing consequence of an injury the
    /// character already has (bleeding, being hurt, a scar), rather than a new injury.
    pub fn is_consequence(self) -> bool {
        matches!(
            self,
            InjuryKind::Bleeding | InjuryKind::Harm | InjuryKind::Scar | InjuryKind::Unconscious
        )
    }
}

impl std::fmt::Display for InjuryKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
