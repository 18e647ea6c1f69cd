//! Completion sentences that introduce an injury (declared after `##`; `blade` as a kind
//! means the kind of injury the scene's blade does) and borderline ones (`unsure`).

/// Injuries stated outright.
pub(crate) const EXPLICIT: &[&str] = &[
    "{A} drew {A.his} {blade} and stabbed {B} in the {part}. ## B stab act",
    "{A} [stabbed|knifed] {B} in the {vital}. ## B stab act",
    "{A} slashed {B} across the {part} with {A.his} {blade}. ## B cut act",
    "{A}'s {blade} slashed {B}'s {part} open. ## B cut act part",
    "{A} shot {B} in the {part}. ## B gunshot act",
    "A shot rang out, and {B} fell with a bullet in {B.his} {vital}. ## pB gunshot state part",
    "{A} [punched|hit|struck] {B} hard in the {part}. ## B blow act",
    "{A} broke {B}'s {part} with one blow. ## B fracture act part",
    "{B}'s {part} snapped with a sickening crack. ## B fracture report part",
    "{A} kicked {B} in the ribs. ## B blow act",
    "{A} bashed {B}'s head against the wall. ## B blow act",
    "{A} burned {B}'s {part} with a hot iron. ## B burn act part",
    "The boiling water scalded {B}'s {part}. ## B burn act part",
    "{A} choked {B} until {B.he} passed out. ## B strangle act",
    "{A} strangled {B} with a length of rope. ## B strangle act",
    "{A} poisoned {B} with nightshade. ## B poison act",
    "The {animal} bit {B} on the {part}. ## B bite act",
    "The {animal} sank its teeth into {B}'s {part}. ## B bite state part",
    "{A} hit {B} over the head with the {blunt}. ## B blow act",
    "{A} beat {B} until {B.he} could not stand. ## B blow act",
    "{A} rammed the {blade} into {B}'s {part}. ## B blade state part",
    "An arrow [struck|hit] {B} in the {part}. ## B stab act",
    "A stray bullet hit {B} in the {part}. ## B gunshot act",
    "{A} twisted {B}'s arm until it broke. ## B minor act",
    "{A} headbutted {B}, breaking {B.his} nose. ## B blow act; pB fracture act",
    "The explosion threw {B} against the wall and broke {B.his} {part}. ## pB fracture act part",
    "The {animal} mauled {B} badly. ## B bite act",
    "{A} slapped {B} across the face. ## B blow act",
    "{A} cut {B}'s {part} with a shard of glass. ## B cut act part",
    "{A} smashed the {blunt} into {B}'s {part}. ## B blunt state part",
    "{B} was stabbed in the {part} by one of the guards. ## B stab report",
    "{B} was badly burned when the lamp fell. ## B burn report",
    "{A} broke {B}'s fingers one by one. ## B fracture act",
    "{A} shot {B} through the {part}. ## B gunshot act",
    "A falling beam crushed {B}'s {part}. ## B fracture act part",
];

/// Rare phrasings (the long tail): synonyms the world uses only now and then.
pub(crate) const LONG_TAIL: &[&str] = &[
    "{A} bludgeoned {B} with the {blunt}. ## B blow act",
    "The {animal} gored {B} in the {part}. ## B stab act",
    "{A} impaled {B} on a broken spear. ## B stab act",
    "{A} throttled {B} against the wall. ## B strangle act",
    "{A} pummeled {B} until {B.his} face was swollen. ## B blow act",
    "{A} flogged {B} in front of the crowd. ## B blow act",
    "{A} skewered {B} with a pitchfork. ## B stab act",
    "{A} lacerated {B}'s {part} with {A.his} nails. ## B cut act part",
    "{A} maimed {B} with a single swing. ## B maim act",
    "The blast mangled {B}'s {part}. ## B maim state part",
    "{A} smothered {B} with a pillow. ## B strangle act",
    "{A} electrocuted {B} with a live wire. ## B death act",
    "{A} severed {B}'s {part} with one stroke. ## B maim act part",
    "{A} garroted {B} with a wire. ## B strangle act",
    "{A} scalded {B} with hot tea. ## B burn act",
];

/// Deaths.
pub(crate) const DEATH: &[&str] = &[
    "{B} died {time}. ## B death report",
    "{A} killed {B} with one blow. ## B death act",
    "{B} fell dead at {A}'s feet. ## B death state",
    "{A} [murdered|slew|killed] {B} in cold blood. ## B death act",
    "The {animal} killed {B} before anyone could reach {B.him}. ## B death act",
    "{B} breathed {B.his} last beside {place}. ## B death report",
    "{B} never woke up. ## B death report",
    "{A} shot {B} dead. ## B gunshot act; B death state",
    "{B} drowned in the [river|lake|harbor|flood]. ## B death report",
    "{B} bled to death on the floor. ## B death report",
    "{A} broke {B}'s neck. ## B fracture act",
    "{A} stabbed {B} to death. ## B death act",
    "By morning, {B} was dead. ## B death state",
    "{B} did not survive the night. ## B death report",
    "{B} passed away in {B.his} sleep. ## B death report",
    "{A} [beheaded|decapitated] {B} with one stroke. ## B death act",
    "{B} [perished|died] in the fire. ## B death report",
    "{A} hanged {B} from the old oak. ## B death act",
    "{B} kicked the bucket {time}. ## B death report",
    "{C} found {B} dead in {place}. ## B death state",
];

/// Injuries implied, not stated.
pub(crate) const IMPLIED: &[&str] = &[
    "{A} wrapped a bandage around {B}'s {part}. ## B harm state part",
    "There was an arrow in {B}'s {part}. ## B stab state part",
    "Blood [trickled|ran|dripped] from {B}'s {part}. ## B bleeding report part",
    "{B} would never walk again. ## B maim state",
    "{B} arrived with {B.his} {part} in a cast. ## pB fracture state part",
    "The healer stitched the gash on {B}'s {part}. ## B cut state part",
    "{B} had a deep cut on {B}'s {part}. ## B cut state part",
    "\"It's your only one!\" {A} said, staring at {B}'s hand. ## U maim state",
    "{B} coughed up blood. ## B bleeding report",
    "{A} lay in a pool of {A.his} own blood. ## pA bleeding state",
    "They buried {B}'s {kin} {time}. ## U death state",
    "{B}'s {kin}'s funeral was held {time}. ## U death state",
];

/// Past injuries revealed.
pub(crate) const PAST: &[&str] = &[
    "{B}'s {kin} had died in the war. ## U death reference",
    "The scar on {B}'s {part} came from a knife fight years ago. ## B scar state part",
    "{B} had lost two fingers in the mill as a child. ## B maim state",
    "{A} still limped from the arrow that had pierced {A.his} {part} last winter. ## pA stab reference part",
    "{B} had broken {B.his} {part} as a child. ## pB fracture reference part",
    "As a child, {A} had been bitten by a {animal}. ## A bite reference",
    "{B} rubbed the old scar on {B.his} {part}. ## pB scar state part",
    "{B} still had nightmares about the night {B.his} {kin} was murdered. ## U death report",
    "{B}'s {kin} had been killed by bandits years ago. ## U death reference",
    "{C} had lost an eye in the war. ## C maim state",
];

/// Self-inflicted injuries.
pub(crate) const SELF: &[&str] = &[
    "{A} cut {A.himself} on the broken glass. ## A cut act",
    "{A} slipped and broke {A.his} {part}. ## pA fracture act part",
    "{A} burned {A.his} hand on the hot stove. ## pA burn act",
    "{A} shot {A.himself} in the foot by accident. ## A gunshot act",
    "{A} twisted {A.his} ankle on the stairs. ## pA minor act",
    "{A} slit {A.his} own palm to seal the oath. ## pA cut act",
    "{A} jumped from the tower to {A.his} death. ## pA death state",
];

/// Injuries to animals.
pub(crate) const ANIMAL: &[&str] = &[
    "{A} shot the {animal} between the eyes. ## X gunshot act",
    "{A}'s arrow killed the {animal} instantly. ## X death act",
    "{A} stabbed the {animal} with {A.his} {blade}. ## X stab act",
    "The {animal} broke its leg in the ditch. ## U fracture act",
    "The {animal} died in the night. ## X death report",
];

/// A character already injured in the prompt (`B`) is hurt again, or dies.
pub(crate) const ESCALATION: &[&str] = &[
    "{B} died of {B.his} wounds {time}. ## B death report; pB harm state",
    "{B} bled to death before help arrived. ## B death report",
    "{B}'s heart stopped {time}. ## B death report",
    "{A} stabbed {B} again, in the {part}. ## B stab act again",
    "Then {A} broke {B}'s {part} as well. ## B fracture act part again",
    "{A} kicked {B} again while {B.he} was down. ## B blow act again",
];

/// Another character is injured (used when `B` is injured in the prompt).
pub(crate) const OTHER_VICTIM: &[&str] = &[
    "{A} turned on {C} and slashed {C}'s {part}. ## C cut act part",
    "A second arrow struck {C} in the {part}. ## C stab act again",
    "{C} was shot while running for the door. ## C gunshot report",
    "{A} stabbed {C} too. ## C stab act again",
];

/// Borderline: attacks without outcome, guesses, blood with no one bleeding.
pub(crate) const UNSURE: &[&str] = &[
    "{A} tried to stab {B}. ## B stab act unsure",
    "{A} shot at {B} from the doorway. ## B gunshot act unsure",
    "{B} must have been killed in the fighting. ## B death report unsure",
    "There was blood on {place}. ## U bleeding state unsure",
    "{A} stabbed {B} in the back. ## B stab act unsure",
    "{B} was probably dead. ## B death state unsure",
    "{A} tried to strangle {B}. ## B strangle act unsure",
    "{C} shot at {A} and ducked behind {place}. ## A gunshot act unsure",
    "{C} was probably dead by now. ## C death state unsure",
    "{A} tried to kill {C}. ## C death act unsure",
    "Maybe {C} had been stabbed in the crowd. ## C stab reference unsure",
];

/// An echo of the prompt's violent act as done before (unsure; needs an injury act in
/// the prompt).
pub(crate) const ECHO: &[&str] = &[
    "\"You made it look so easy yesterday,\" {C} told {A}.",
    "\"I did it just like that once before,\" {A} {said}.",
];

/// The fallbacks when no other sentence of the class fits.
pub(crate) const INJURY_FALLBACK: &str = "{A} cut {A.himself} on the broken glass. ## A cut act";
/// See [`INJURY_FALLBACK`].
pub(crate) const UNSURE_FALLBACK: &str = "{A} tried to stab {C}. ## C stab act unsure";
