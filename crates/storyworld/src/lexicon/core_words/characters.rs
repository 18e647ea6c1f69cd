//! Characters WordNet misses or ranks below another sense: persons, animals and the
//! words that read as a character's relatives.

/// Characters that WordNet misses or ranks below another sense (`queen`, `orc`).
#[rustfmt::skip]
pub(crate) const CORE_PERSONS: &[&str] = &[
    "man", "woman", "boy", "girl", "child", "kid", "baby", "guard", "soldier", "king", "queen",
    "knight", "thief", "stranger", "captain", "orc", "goblin", "troll", "ogre", "elf", "dwarf",
    "giant", "vampire", "zombie", "werewolf", "witch", "wizard", "mage", "sorcerer", "dragon",
    "monster", "beast", "creature", "demon", "bandit", "pirate", "assassin", "hunter", "farmer",
    "merchant", "priest", "nurse", "doctor", "teacher", "student", "officer", "sheriff", "deputy",
    "prisoner", "hostage", "victim", "villager", "sailor", "rider", "warrior", "archer",
    "mercenary", "intruder", "attacker", "figure", "body", "people", "everyone", "someone",
    "somebody", "anyone", "anybody", "everybody", "friend", "enemy", "brother", "sister", "father",
    "mother", "son", "daughter", "husband", "wife", "uncle", "aunt", "cousin", "grandfather",
    "grandmother", "boss", "chief", "lord", "lady", "prince", "princess", "servant", "maid",
    "squire", "smith", "blacksmith", "innkeeper", "barkeep", "bartender", "driver", "pilot",
    "cadet", "recruit", "sentry", "watchman", "healer", "apprentice", "stablehand", "boatman",
    "ferryman", "traveler", "traveller", "wanderer", "scout", "spy", "guest", "host", "neighbor",
    "neighbour", "patient", "passenger", "crewman", "marine", "trooper", "ranger", "gunman",
    "swordsman", "lieutenant", "sergeant", "corporal", "general", "colonel", "admiral", "emperor",
    "empress", "duke", "duchess", "baron", "count", "countess", "mayor", "judge", "jailer",
    "warden", "monk", "nun", "shaman", "ghoul", "imp", "kobold", "gnoll", "minotaur", "cyclops",
    "harpy", "wraith", "skeleton", "raider", "brigand", "poacher", "outlaw", "rebel", "deserter",
    "veteran",
];

/// Animals WordNet may rank below another sense.
#[rustfmt::skip]
pub(crate) const CORE_ANIMALS: &[&str] = &[
    "dog", "cat", "horse", "wolf", "deer", "bear", "boar", "rat", "snake", "bird", "hawk", "crow",
    "fox", "rabbit", "hound", "stag", "bull", "cow", "sheep", "goat", "pig", "chicken", "mare",
    "stallion", "pony", "puppy", "kitten", "mule", "ox", "donkey", "raven", "owl", "lion", "tiger",
    "panther", "eagle", "falcon", "shark", "crocodile", "alligator", "ape", "monkey", "elk",
    "moose", "hare", "squirrel", "mouse", "lamb", "calf", "foal", "colt", "wyvern", "griffin",
    "gryphon", "basilisk", "hydra", "spider",
];

/// Words that read as a character's relatives (`lost her father`).
#[rustfmt::skip]
pub(crate) const CORE_KIN: &[&str] = &[
    "father", "mother", "brother", "sister", "son", "daughter", "husband", "wife", "uncle", "aunt",
    "cousin", "grandfather", "grandmother", "grandpa", "grandma", "dad", "mom", "mum", "papa",
    "mama", "parents", "parent", "child", "children", "baby", "twin", "fiance", "fiancee",
    "partner", "friend", "mentor", "master",
];
