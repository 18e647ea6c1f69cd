//! The grammatical words the oracle reads around an injury word: misses, repeats, past
//! time, perception, non-factive verbs and the verbs that make an injury not happen (yet).

/// Words that say an attack did not land (checked in the sentence of an attempt).
#[rustfmt::skip]
pub(crate) const MISS_MARKERS: &[&str] = &[
    "missed", "misses", "miss", "missing", "dodged", "dodges", "ducked", "ducks", "sidestepped",
    "blocked", "blocks", "parried", "parries", "deflected", "harmlessly", "wide", "whizzed",
    "whistled", "swerved", "rolled", "leapt", "leaped", "jumped", "stepped", "twisted", "caught",
    "glanced", "bounced", "thudded", "clanged", "slow", "evaded", "avoided", "escaped", "short",
    "overhead", "past", "jammed", "misfired", "fled",
];

/// Markers of a repeated or additional injury (`again`, `another`…).
#[rustfmt::skip]
pub(crate) const REPEAT_MARKERS: &[&str] = &[
    "again", "another", "second", "twice", "too", "also", "more", "anew", "further",
];

/// Time words that place an injury before the story's present (a revealed past injury).
pub(crate) const PAST_MARKERS: &[&str] =
    &["yesterday", "ago", "childhood", "previously", "formerly"];

/// Perception verbs: after a modal they report, they do not hypothesise
/// (`she could feel blood running down her arm`).
#[rustfmt::skip]
pub(crate) const PERCEPTION_VERBS: &[&str] = &[
    "see", "feel", "hear", "smell", "taste", "tell", "sense", "notice", "watch",
];

/// Verbs whose complement is not asserted (`she feared he was dead`).
#[rustfmt::skip]
pub(crate) const NON_FACTIVE_VERBS: &[&str] = &[
    "think", "thought", "thinks", "believe", "believed", "believes", "suppose", "supposed",
    "imagine", "imagined", "imagines", "dream", "dreamed", "dreamt", "dreams", "fear", "feared",
    "fears", "worry", "worried", "worries", "wonder", "wondered", "wonders", "hope", "hoped",
    "hopes", "wish", "wished", "wishes", "pray", "prayed", "doubt", "doubted", "guess", "guessed",
    "assume", "assumed", "pretend", "pretended", "pretends", "fantasize", "fantasized", "picture",
    "pictured", "suspect", "suspected", "suggest", "suggested", "dread", "dreaded", "claim",
    "claimed", "insist", "insisted", "daydream", "daydreamed", "daydreams", "daydreaming",
    "fantasized", "fantasised", "fantasizes",
];

/// Verbs before `to` + an injury verb that make it not happen (yet): `threatened to kill`.
#[rustfmt::skip]
pub(crate) const IRREALIS_CONTROL_VERBS: &[&str] = &[
    "want", "wants", "wanted", "threaten", "threatens", "threatened", "plan", "plans", "planned",
    "intend", "intends", "intended", "mean", "means", "meant", "hope", "hoped", "promise",
    "promised", "swear", "swore", "sworn", "vow", "vowed", "decide", "decided", "need", "needs",
    "needed", "have", "has", "ought", "going", "gonna", "wanna", "ready", "about", "prepared",
    "able", "like", "love", "hate", "prefer", "dare", "dared", "offer", "offered", "expect",
    "expected", "agree", "agreed", "order", "ordered", "told", "tell", "ask", "asked", "begged",
    "beg", "urged", "wish", "wished", "try", "tries", "tried", "attempt", "attempts", "attempted",
    "refuse", "refused", "refuses", "fail", "failed", "fails", "forgot", "struggled", "tempted",
    "longing", "dying", "waiting", "how", "where", "whether", "what", "learn", "learned", "taught",
    "teach", "trained", "pretend", "pretended", "seem", "seemed", "seems", "appear", "appeared",
];
