//! The body parts that matter most: those that count without a possessor, those that come
//! in pairs, the vital ones, and those whose "injury" is never one.

/// Body parts that count even without a possessor (`the blade opened the skin`), on
/// top of WordNet's body parts (which must be possessed to count).
#[rustfmt::skip]
pub(crate) const CORE_BODY_PARTS: &[&str] = &[
    "arm", "hand", "finger", "thumb", "leg", "foot", "toe", "knee", "kneecap", "ankle", "wrist",
    "elbow", "shoulder", "hip", "head", "skull", "face", "cheek", "cheekbone", "jaw", "chin",
    "nose", "mouth", "lip", "tongue", "tooth", "eye", "eyebrow", "eyelid", "ear", "neck", "throat",
    "chest", "rib", "back", "spine", "stomach", "belly", "gut", "abdomen", "side", "thigh", "calf",
    "shin", "heel", "forehead", "temple", "scalp", "flesh", "skin", "bone", "heart", "lung",
    "kidney", "liver", "brain", "collarbone", "palm", "knuckle", "groin", "torso", "windpipe",
    "eyeball", "forearm", "nostril", "brow", "spleen", "vein", "artery", "jugular", "sternum",
    "pelvis", "femur", "shinbone", "hamstring", "achilles", "neckbone", "foreleg", "hindleg",
    "forelimb", "hindlimb", "forepaw", "paw", "hoof", "haunch", "snout", "muscle", "ligament", "tendon",
];

/// Parts that come in pairs: losing one leaves an "only one".
pub(crate) const PAIRED_BODY_PARTS: &[&str] =
    &["hand", "arm", "leg", "foot", "eye", "ear", "kidney", "lung"];

/// Parts where an injury is worse (severity + 1).
#[rustfmt::skip]
pub(crate) const VITAL_BODY_PARTS: &[&str] = &[
    "throat", "neck", "heart", "head", "skull", "brain", "chest", "spine", "gut", "stomach",
    "belly", "lung", "jugular", "windpipe", "eye", "eyeball",
];

/// Body parts whose "injury" is grooming, a habit or a figure of speech (`cut his hair`,
/// `bit her nails`, `lost his nerve`): never a patient of an injury.
#[rustfmt::skip]
pub(crate) const NON_INJURY_BODY_PARTS: &[&str] = &[
    "hair", "nail", "fingernail", "toenail", "beard", "mustache", "moustache", "eyelash", "nerve",
    "curl", "lock", "locks", "whisker", "ponytail", "braid", "fringe", "bangs", "cuticle", "mane",
    "horn", "antler", "feather", "tail", "shell",
];
