//! Nouns that make an injury verb figurative: subjects that cannot physically strike
//! (`her words hurt him`) and what a character is "shot" or "given" (`shot him a glance`).

/// Nouns that cannot physically strike: `it hit him` (a realization), `her words hurt
/// him`, `the smell hit her`.
#[rustfmt::skip]
pub(crate) const ABSTRACT_AGENTS: &[&str] = &[
    "it", "this", "that", "realization", "realisation", "thought", "idea", "truth", "memory",
    "memories", "smell", "stench", "scent", "odor", "odour", "sound", "noise", "news", "words",
    "word", "silence", "fear", "panic", "grief", "guilt", "shame", "sadness", "loneliness",
    "regret", "doubt", "question", "answer", "remark", "comment", "insult", "tone", "rejection",
    "betrayal", "look", "glance", "sight", "light", "sunlight", "moonlight", "glare", "wind",
    "breeze", "cold", "heat", "wave", "reality", "inspiration", "feeling", "sense", "exhaustion",
    "fatigue", "hunger", "thirst", "music", "laughter", "lie", "lies", "loss", "defeat", "failure",
    "rain", "snow", "spray", "sun", "sunshine", "air", "mist", "fog", "accusation", "criticism",
    "joke", "song", "voice", "beauty", "love", "longing", "dread", "anger", "rage", "jealousy",
    "envy", "sorrow", "despair", "worry", "anxiety", "tiredness", "boredom", "nostalgia",
    "homesickness", "letter", "message", "story", "rumor", "rumour", "humidity", "deadline",
    "deadlines", "suspense", "anticipation", "stress", "pressure", "waiting", "workload",
    "commute", "traffic", "homework", "paperwork", "curiosity", "stare", "gaze", "suspicion",
    "uncertainty", "layoffs", "layoff", "headline", "headlines", "verdict", "diagnosis",
    "announcement", "hangover", "humiliation", "embarrassment", "tedium", "monotony",
    // figures, decisions and documents: what is read or decided cannot strike
    "figures", "numbers", "statistics", "results", "result", "data", "report", "bill",
    "bills", "invoice", "decision", "decisions", "choice", "ruling", "price", "prices",
    "cost", "costs", "grade", "grades", "review", "reviews", "email", "emails", "reply",
    "outcome", "forecast", "budget", "debt", "debts", "taxes", "rent",
];

/// Nouns a character is "shot", "given" or "thrown" that make the verb figurative
/// (`shot him a glance`).
#[rustfmt::skip]
pub(crate) const DITRANSITIVE_FIGURATIVE: &[&str] = &[
    "look", "glance", "glare", "smile", "grin", "wink", "nod", "frown", "scowl", "stare",
    "question", "warning", "kiss", "note", "message", "text", "email", "letter", "break", "slack",
    "deal", "favor", "favour", "compliment",
];
