//! Prompt sentences by mood: openings, calm moments, tension, fights, and injuries and
//! deaths that a prompt already contains (declared after `##`).

/// Openings that set the scene.
pub(crate) const INTRO: &[&str] = &[
    "{A} reached {setting} just before dusk.",
    "The wind rattled the shutters of {setting}.",
    "{setting} was [quiet|crowded|cold|half empty|noisy] when {A} arrived.",
    "{A} and {B} had been in {setting} since morning.",
    "Rain had been falling on {setting} for three days.",
    "Nobody in {setting} noticed {A} come in.",
    "{A} found {B} waiting near {place}.",
    "It was late, and {setting} smelled of smoke and old wood.",
    "{B} had never liked {setting}.",
    "The lamps in {setting} flickered as {A} sat down near {place}.",
    "{A} pushed open the door and looked around {setting}.",
    "Morning light crept across {place}.",
    "{C} was already at {place} when the others came in.",
    "For once, {setting} was peaceful.",
    "{A} had walked all night to reach {setting}.",
    "A bell rang somewhere beyond {setting}.",
    "{B} leaned against {place} and waited.",
    "The fog had not lifted from {setting} all day.",
    "{A}, {B} and {C} met in {setting} as they had agreed.",
    "{A} counted the coins twice before stepping into {setting}.",
];

/// Calm actions and talk.
pub(crate) const CALM: &[&str] = &[
    "{A} set {object} down on {place}.",
    "{B} laughed at something {A} had said.",
    "\"Have you eaten?\" {B} asked.",
    "{A} poured two cups of tea and handed one to {B}.",
    "{C} hummed an old song under {C.his} breath.",
    "\"I missed you,\" {A} {said}.",
    "{B} picked up {object} and turned it over in {B.his} hands.",
    "They talked about the weather and the price of bread.",
    "{A} stretched and yawned.",
    "\"We should leave before the rain gets worse,\" {B} {said}.",
    "{C} was busy sorting letters by {place}.",
    "{A} told {B} about the journey, leaving nothing out.",
    "\"It's good to see you again,\" {B} {said} {adv}.",
    "{B} pointed at {place} and smiled.",
    "{A} wiped the table and sat down.",
    "Somewhere a dog barked, then went quiet.",
    "{C} offered {A} a seat by {place}.",
    "\"Tell me everything,\" {B} {said}.",
    "{A} watched the clouds drift past.",
    "{B} checked the map one more time.",
    "\"The harvest was better than last year,\" {C} {said}.",
    "{A} smiled and shook {B}'s hand.",
    "{B} whistled as {B.he} worked.",
    "{C} read the letter twice and folded it carefully.",
    "{A} sipped {A.his} drink and said nothing.",
    "\"Do you remember the summer we met?\" {A} asked.",
    "{B} tied {B.his} boots and stood up.",
    "They shared the last of the bread.",
    "{A} put another log on the fire.",
    "{C} waved from across {setting}.",
];

/// Tension: quarrels, threats, weapons drawn.
pub(crate) const TENSE: &[&str] = &[
    "{A} glared at {B} across {place}.",
    "\"Get out of here,\" {A} warned.",
    "{A} drew {A.his} {blade} and held it low.",
    "{B} stepped back, hands raised.",
    "\"Touch it and I'll break your fingers,\" {A} growled.",
    "{B} slammed {B.his} fist on the table.",
    "\"You lied to me,\" {A} {said}.",
    "{C} reached slowly for the {gun} at {C.his} belt.",
    "The room went very quiet.",
    "{A} shoved {B} against the wall.",
    "\"One more word and you'll regret it,\" {B} said.",
    "{B} could feel {A}'s eyes on {B.him}.",
    "{A} kept one hand on the hilt of {A.his} {blade}.",
    "Someone had followed them all the way from {setting}.",
    "\"Where is the money?\" {A} demanded.",
    "{B}'s voice was shaking with anger.",
    "Three strangers blocked the way out.",
    "{C} whispered that they should leave at once.",
    "{A} pointed the {gun} at {B}.",
    "\"I won't ask again,\" {A} {said} coldly.",
];

/// Fights in which no injury is (yet) stated.
pub(crate) const FIGHT: &[&str] = &[
    "{A} swung {A.his} {blunt} at {B}.",
    "{B} lunged at {A} with a {blade}.",
    "{A} and {B} grappled on the floor.",
    "Arrows whistled over the wall.",
    "{B} raised {B.his} shield just in time.",
    "{A} charged across {setting}, roaring.",
    "The {animal} snarled and circled closer.",
    "{C} fired a warning shot into the air.",
    "Steel rang on steel as {A} and {B} fought.",
    "{B} threw a chair at {A}.",
    "{A} grabbed {B} by the collar.",
    "The bandits rushed out from behind {place}.",
    "{B} ducked under {A}'s first blow.",
    "Chaos broke out across {setting}.",
    "{A} parried and stepped to the side.",
];

/// Injuries a prompt already contains, with their victims named.
pub(crate) const PROMPT_INJURY: &[&str] = &[
    "{A}'s {blade} [slashed|cut] {B}'s {part}. ## B cut act part",
    "{A} stabbed {B} in the {vital}. ## B stab act part",
    "{A} [punched|hit|struck] {B} in the {part}. ## B blow act part",
    "The {blunt} broke {B}'s {part}. ## B fracture act part",
    "{B} was bleeding from a gash on {B.his} {part}. ## B bleeding report; pB cut state part",
    "An arrow had struck {B} in the {part}. ## B stab reference part",
    "{A} had shot {B} in the {part}. ## B gunshot reference part",
    "The {animal} bit {B}'s {part}. ## B bite act part",
    "{B}'s {part} was badly burned. ## B burn report part",
    "{A} kicked {B} in the {part}. ## B blow act part",
];

/// Deaths a prompt already contains.
pub(crate) const PROMPT_DEATH: &[&str] = &[
    "{B} lay dead near {place}. ## B death state",
    "{A} had killed {B} with a single blow. ## B death reference",
    "{B} was dead before anyone could help. ## B death state",
    "{B}'s body lay still on the floor; {B} was dead. ## B death state",
];

/// Figurative uses and near misses a prompt may hold (not injuries).
pub(crate) const PROMPT_TRAP: &[&str] = &[
    "{A} shot {B} a warning glance.",
    "The arrow missed {B} by a hand's breadth.",
    "{B} broke the silence at last.",
    "They were killing time until the boat came.",
    "{C} was dying to hear the news.",
    "{A} was dead tired after the long road.",
    "The news hit {B} hard.",
    "{A} cut the bread into thick slices.",
];
