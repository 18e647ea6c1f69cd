//! Hand-written word lists for what WordNet does not hold or holds too loosely: injury
//! nouns and adjectives with their severity, the body parts that matter most, weapon
//! classes, and the grammatical words (negators, modals, miss markers…) the oracle reads
//! around an injury word.

/// Injury nouns: `lemma kind severity attachment`. `free`: counts even when no
/// character is named (`There had been a murder.`); `attached`: counts only when tied to
/// a character or a body part (`a cut on his cheek`, not `a cut of meat`).
/// `implied` marks nouns that imply an injury rather than state it (a funeral implies a
/// death).
pub(crate) const INJURY_NOUNS: &str = "
wound harm 5 free
injury harm 4 free
gash cut 5 free
laceration cut 5 free
cut cut 4 attached
bruise minor 2 attached
burn burn 5 attached
fracture fracture 5 free
concussion unconscious 4 free
coma unconscious 5 free
scar scar 3 attached
scratch minor 2 attached
welt minor 2 attached
puncture stab 4 attached
gouge cut 4 attached
blister minor 1 attached
nosebleed bleeding 2 free
bleeding bleeding 3 free
hemorrhage bleeding 5 free
haemorrhage bleeding 5 free
bite bite 4 attached
sprain minor 2 free
shiner blow 3 free
death death 9 attached
murder death 9 free
killing death 9 free
homicide death 9 free
manslaughter death 9 free
assassination death 9 attached
execution death 9 attached
massacre death 9 free
slaughter death 9 free
bloodshed harm 6 free
carnage death 8 free
bloodbath death 8 free
suicide death 9 free
corpse death 8 free implied
cadaver death 8 free implied
funeral death 9 free implied
grave death 9 attached implied
widow death 9 free implied
widower death 9 free implied
orphan death 8 free implied
bandage harm 3 attached implied
stitches harm 3 attached implied
splint fracture 4 attached implied
sling fracture 4 attached implied
tourniquet bleeding 5 attached implied
stump maim 8 attached implied
frostbite minor 4 attached
coffin death 8 free implied
casket death 8 free implied
autopsy death 8 attached implied
remains death 8 attached implied
ashes death 8 attached implied
eulogy death 8 attached implied
obituary death 8 attached implied
headstone death 8 attached implied
gravestone death 8 attached implied
tombstone death 8 attached implied
burial death 8 attached implied
pallbearer death 8 free implied
";

/// Injury adjectives: `lemma kind severity use`. `animate`: said of a character
/// (`the guard was dead`, `the dead guard`); `part`: said of a body part (`a bloody
/// nose`); `either`: both.
pub(crate) const INJURY_ADJECTIVES: &str = "
dead death 9 animate
lifeless death 8 either
deceased death 9 animate
wounded harm 5 either
injured harm 4 either
unconscious unconscious 4 animate
comatose unconscious 5 animate
bloody bleeding 3 part
bloodied bleeding 3 either
bloodstained bleeding 3 part
stillborn death 9 animate
frostbitten minor 4 either
scarred scar 3 either
blistered minor 2 part
charred burn 6 either
paralyzed maim 7 either
paralysed maim 7 either
mangled maim 7 part
";

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

/// Weapons and hazards with the injury they cause when they reach a character:
/// `word kind severity`.
pub(crate) const WEAPONS: &str = "
knife stab 7
dagger stab 7
sword stab 7
blade stab 7
machete cut 6
axe cut 7
ax cut 7
hatchet cut 6
scythe cut 6
sickle cut 5
razor cut 5
scalpel cut 5
dirk stab 7
stiletto stab 7
rapier stab 7
saber stab 7
sabre stab 7
scimitar cut 7
cutlass cut 7
katana cut 7
glaive cut 7
halberd stab 7
shard cut 4
bayonet stab 7
spear stab 7
lance stab 7
pike stab 7
trident stab 7
pitchfork stab 6
arrow stab 7
arrowhead stab 7
spearhead stab 7
bolt stab 7
dart stab 5
javelin stab 7
harpoon stab 7
spike stab 6
claws bite 5
claw bite 5
fangs bite 5
teeth bite 4
talons bite 5
tusk stab 6
horns stab 6
gun gunshot 7
pistol gunshot 7
rifle gunshot 7
revolver gunshot 7
shotgun gunshot 8
musket gunshot 7
bullet gunshot 7
slug gunshot 7
pellet gunshot 4
buckshot gunshot 6
shot gunshot 7
round gunshot 7
cannonball maim 8
grenade maim 8
bomb maim 8
explosion maim 8
blast maim 7
shrapnel cut 6
splinter cut 3
fangs bite 5
talons cut 4
sliver cut 3
shard cut 4
thorn minor 2
club blow 4
cudgel blow 5
bat blow 4
hammer blow 5
mace blow 5
staff blow 3
stick blow 3
rock blow 4
stone blow 4
brick blow 4
pipe blow 4
crowbar blow 5
fist blow 3
fists blow 3
boot blow 3
bottle blow 3
log blow 4
branch blow 3
rod blow 3
whip blow 4
chain blow 4
shovel blow 4
pommel blow 3
hilt blow 3
car blow 6
truck blow 7
bus blow 7
train death 9
van blow 6
cart blow 5
wagon blow 5
carriage blow 5
motorcycle blow 6
boulder fracture 7
beam blow 5
debris blow 4
lightning burn 7
fire burn 6
flames burn 6
flame burn 5
blaze burn 6
fireball burn 7
acid burn 6
";

/// Verbs by which a weapon or hazard reaches its target when the verb is not an injury
/// verb of its own (`the arrow found his throat`, `the bullet tore into his leg`).
#[rustfmt::skip]
pub(crate) const CONTACT_VERBS: &[&str] = &[
    "find", "catch", "enter", "tear", "rip", "sink", "bury", "lodge", "slam", "smash", "crash",
    "plow", "plough", "engulf", "consume", "clip", "take", "connect", "plunge", "drive", "bite",
    "sear",
];

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

/// Phrases that announce a death: `*` marks an inflected verb, `POSS` a possessive.
#[rustfmt::skip]
pub(crate) const DEATH_IDIOMS: &[&str] = &[
    "kick* the bucket", "bite* the dust", "buy* the farm", "give* up the ghost",
    "breathe* POSS last", "draw* POSS last breath", "meet* POSS maker", "meet* POSS end",
    "pass* away", "lose* POSS life", "lose* their lives", "take* POSS own life",
    "lay* down POSS life", "six feet under", "pushing up daisies", "breathe* no more",
    "never woke up", "never woke again", "never wake up", "stop* breathing", "bleed* out",
    "flatline*", "no one survived", "nobody survived", "none survived", "did not survive",
    "does not survive", "would not survive", "did not make it", "is no more", "was no more",
    "lost at sea", "join* POSS ancestors", "killed in action", "go* to POSS grave",
    "freeze* to death", "starve* to death", "burn* alive", "buried alive",
    "was not breathing", "were not breathing", "is not breathing", "no longer breathing",
    "never got up again", "never rose again", "never stood up again", "never moved again",
    "never stirred again", "never opened POSS eyes again", "never seen alive again",
    "last seen alive", "laid to rest", "lay* to rest", "did not make it out",
    "did not come back alive", "did not come home alive", "choke* to death",
    "bleed* to death", "crush* to death", "burn* to death", "drown* to death",
    "pass* on in", "pass* on last", "pass* on peacefully", "pass* on quietly", "pass* on at",
    "pass* on after", "pass* on years", "never came back alive", "never came home alive",
    "never returned alive", "never made it back alive", "did not return alive",
    "go* to meet POSS maker", "go* to POSS grave", "cold and stiff", "stiff and cold",
    "cold and still", "lay cold", "lay stiff", "stone* ANY to death", "stone* ANY ANY to death",
    "stoned to death", "pass* on during", "pass* on before", "pass* on overnight",
    "pass* on suddenly", "pass* on early", "pass* on that", "pass* on this", "pass* on on",
    "depart* this life", "depart* this world", "depart* this earth", "go* to POSS eternal rest",
    "go* to POSS rest", "go* to POSS eternal reward", "go* to POSS reward",
    "draw* POSS final breath", "breathe* POSS final breath", "breathe* POSS last breath",
    "take* POSS last breath", "take* POSS final breath", "exhale* POSS last breath",
    "exhale* POSS final breath", "shuffle* off this mortal coil", "go* the way of all flesh",
    "slip* away in POSS sleep", "float* belly up", "float* belly-up", "turn* belly up",
    "turn* belly-up", "pass* on ANY years ago", "pass* on ANY months ago",
    "pass* on ANY weeks ago", "pass* on ANY days ago", "pass* on years ago", "pass* on yesterday", "pass* on recently",
    "pass* on long ago", "go* to POSS final rest", "go* to POSS last rest",
    "end* POSS life", "end* POSS own life", "take* POSS life", "claim* POSS life",
    "cost* ANY POSS life", "cost* ANY their lives", "never came home from the war",
    "never came back from the war", "never returned from the war",
    "never came home from the front", "never returned from the front", "sole survivor",
    "lone survivor", "only survivor", "and never woke", "no longer with us",
    "pass* in POSS sleep", "follow* ANY to the grave", "follow* ANY to POSS grave",
    "follow* ANY ANY to the grave", "for the fallen", "mourn* the fallen", "honor* the fallen",
    "honour* the fallen", "remember* the fallen", "bur* the fallen",
];

/// Phrases whose injury words are figurative.
#[rustfmt::skip]
pub(crate) const FIGURATIVE_PHRASES: &[&str] = &[
    "make* a killing", "two birds with one stone", "shoot* the breeze", "bite* the bullet",
    "cut* corners", "cut* to the chase", "cut* ties", "a cut above", "kill* time",
    "break* the ice", "break* a leg", "blood ran cold", "blood froze", "blood boil*", "bad blood",
    "cold blood", "blood brother*", "blood relative*", "blood pressure", "blood type",
    "blood test", "blood sugar", "blood moon", "blood orange", "flesh and blood", "blue blood",
    "royal blood", "noble blood", "new blood", "young blood", "fresh blood", "slap* on the wrist",
    "shoot* POSS mouth off", "over my dead body", "dead to the world", "if looks could kill",
    "dressed to kill", "scared to death", "bored to death", "worried to death", "sick to death",
    "tickled to death", "shot in the dark", "stab* at", "take* a stab", "took a stab",
    "hit* the road", "hit* the sack", "be the death of", "was the death of", "will be the death of",
    "give* blood", "donate* blood", "cut* ANY to the quick", "cut* to the quick", "hit* the hay", "dying of thirst", "dead in the water", "kill* it", "killing it", "cut* ANY dead", "cut* to the heart of", "in stitches",
    "come* back to bite", "came back to bite",
    "dead on POSS feet", "dead on his feet", "dead on her feet",
    "pint of blood", "pints of blood", "vial of blood", "vials of blood", "sample of blood",
    "samples of blood", "blood sample*", "unit of blood", "units of blood", "bag of blood",
    "bags of blood", "blood drive", "blood bank", "blood donor*", "blood donation*",
    "fake ANY", "pretend ANY", "stage blood", "theatrical blood", "prop blood", "corn syrup blood",
    "bleed* the brakes", "bleed* the brake*", "bleed* the radiator*", "bleed* the line*",
    "bleed* the air", "bleed* the system", "bleed* the valve*", "bleed* the pipe*",
    "you are a dead man", "you are a dead woman", "you are dead meat", "you are a dead",
    "killing POSS feet", "blood drain*", "blood red", "flu shot*", "booster shot*", "tetanus shot*", "rabies shot*",
    "allergy shot*", "a shot of", "burn* to the ground", "burn* ANY to the ground",
    "burn* ANY ANY to the ground", "cut* through ANY like", "cut* through ANY ANY like",
    // a contest lost, not a blow: `knocked out of the tournament`
    "knock* out of", "knocked out of", "knock* ANY out of the running", "body blow*",
    "die* a thousand deaths", "died a thousand deaths",
    // a make-up artist's wounds: `a latex bullet wound`, `a rubber gash`
    "latex ANY", "latex ANY ANY", "prosthetic ANY", "rubber ANY wound*", "rubber wound*",
    "rubber gash*", "rubber scar*",
];

/// Injuries told by their effects on a body: `pattern | kind severity
/// directness victim`. Patterns are phrase patterns (`*` an inflected verb, `POSS` a
/// possessive, `ANY` one word). Directness: `explicit`, `implied` or `past`. Victim:
/// `poss` (the possessive in the phrase), `part` (the owner of a body part just before
/// the phrase in its clause; no body part, no injury), `subject` (the clause's subject).
pub(crate) const EFFECT_PHRASES: &str = "
cave* in | fracture 6 explicit part
caved | fracture 6 explicit part
swollen shut | blow 3 explicit part
at an unnatural angle | fracture 5 explicit part
at unnatural angles | fracture 5 explicit part
at impossible angles | fracture 5 explicit part
at sickening angles | fracture 5 explicit part
at odd angles | fracture 5 explicit part
at strange angles | fracture 5 explicit part
at awkward angles | fracture 5 explicit part
at wrong angles | fracture 5 explicit part
bent backwards | fracture 5 explicit part
bent backward | fracture 5 explicit part
bent the wrong way | fracture 5 explicit part
hung crooked | fracture 5 explicit part
hangs crooked | fracture 5 explicit part
hanging crooked | fracture 5 explicit part
hung askew | fracture 5 explicit part
black and dead | minor 4 explicit part
dead and black | minor 4 explicit part
frostbitten black | minor 4 explicit part
frozen black | minor 4 explicit part
black with frostbite | minor 4 explicit part
in a plaster cast | fracture 5 implied part
in plaster casts | fracture 5 implied part
in casts | fracture 5 implied part
in a brace | fracture 4 implied part
in a neck brace | fracture 4 implied subject
on crutches | fracture 4 implied subject
on a crutch | fracture 4 implied subject
cast on POSS ANY | fracture 5 implied poss
cast on POSS ANY ANY | fracture 5 implied poss
bent sideways | fracture 5 explicit part
twisted sideways | fracture 5 explicit part
only one finger | maim 8 implied subject
only two fingers | maim 8 implied subject
only three fingers | maim 8 implied subject
only four fingers | maim 8 implied subject
only one toe | maim 8 implied subject
only two toes | maim 8 implied subject
only three toes | maim 8 implied subject
only four toes | maim 8 implied subject
where POSS ANY should have been | maim 8 past poss
where POSS ANY ANY should have been | maim 8 past poss
where POSS ANY used to be | maim 8 past poss
where POSS ANY ANY used to be | maim 8 past poss
where POSS ANY had once been | maim 8 past poss
empty socket | maim 8 implied subject
empty sleeve | maim 8 implied subject
empty eye socket | maim 8 implied subject
ended at the elbow | maim 8 past part
ended at the wrist | maim 8 past part
ended at the knee | maim 8 past part
ended below the knee | maim 8 past part
ended above the knee | maim 8 past part
ended below the elbow | maim 8 past part
in a wheelchair for life | maim 7 implied subject
confined to a wheelchair | maim 7 implied subject
slam* POSS ANY in the door | minor 2 explicit poss
slam* POSS ANY in the car door | minor 2 explicit poss
shut* POSS ANY in the door | minor 2 explicit poss
catch* POSS ANY in the door | minor 2 explicit poss
where POSS ANY ANY had once been | maim 8 past poss
at an impossible angle | fracture 5 explicit part
at a sickening angle | fracture 5 explicit part
at an odd angle | fracture 5 explicit part
at a strange angle | fracture 5 explicit part
at an awkward angle | fracture 5 explicit part
at a wrong angle | fracture 5 explicit part
through the skin | fracture 6 explicit part
out of the skin | fracture 6 explicit part
through his skin | fracture 6 explicit part
through her skin | fracture 6 explicit part
knocked out | maim 4 explicit part
knocked loose | maim 4 explicit part
hung limp | harm 4 implied part
hangs limp | harm 4 implied part
dangled limp | harm 4 implied part
hung uselessly | harm 4 implied part
limp and useless | harm 4 implied part
hung useless | harm 4 implied part
in plaster | fracture 5 implied part
in a splint | fracture 5 implied part
in splints | fracture 5 implied part
in a sling | fracture 4 implied part
in a cast | fracture 5 implied part
in bandages | harm 3 implied part
rolled across | death 9 implied part
rolled along | death 9 implied part
rolled into | death 9 implied part
rolled onto | death 9 implied part
rolled away | death 9 implied part
rolled off | death 9 implied part
tumbled across | death 9 implied part
bounced across | death 9 implied part
no longer rising | death 9 implied part
no longer rose | death 9 implied part
no longer moving | death 9 implied part
stopped rising | death 9 implied part
pulse stop* | death 9 explicit subject
pulse had stopped | death 9 explicit subject
pulse fade* | death 9 explicit subject
pulse cease* | death 9 explicit subject
pulse was gone | death 9 explicit subject
no pulse | death 9 explicit subject
open* POSS throat | cut 7 explicit poss
open* POSS veins | cut 6 explicit poss
open* POSS wrists | cut 6 explicit poss
open* POSS belly | cut 7 explicit poss
open* POSS gut | cut 7 explicit poss
open* POSS stomach | cut 7 explicit poss
open* POSS skull | fracture 7 explicit poss
open* POSS jugular | cut 7 explicit poss
open* POSS neck | cut 7 explicit poss
open* POSS cheek | cut 5 explicit poss
open* POSS face | cut 5 explicit poss
open* POSS scalp | cut 5 explicit poss
wring* POSS neck | death 9 explicit poss
wrung POSS neck | death 9 explicit poss
black eye | blow 3 explicit subject
black eyes | blow 3 explicit subject
claw marks | bite 4 explicit subject
bite marks | bite 4 explicit subject
teeth marks | bite 4 explicit subject
tooth marks | bite 4 explicit subject
whip marks | blow 4 explicit subject
lash marks | blow 4 explicit subject
burn marks | burn 4 explicit subject
rope burns | minor 2 explicit subject
red stain | bleeding 3 implied subject
crimson stain | bleeding 3 implied subject
scarlet stain | bleeding 3 implied subject
red patch | bleeding 3 implied subject
crimson patch | bleeding 3 implied subject
wooden leg | maim 8 past subject
peg leg | maim 8 past subject
glass eye | maim 8 past subject
artificial leg | maim 8 past subject
artificial arm | maim 8 past subject
prosthetic leg | maim 8 past subject
prosthetic arm | maim 8 past subject
prosthetic hand | maim 8 past subject
wooden hand | maim 8 past subject
hook for a hand | maim 8 past subject
stump of POSS | maim 8 past poss
stump where POSS | maim 8 past poss
with a limp | harm 2 implied subject
limped | harm 2 implied subject
limping | harm 2 implied subject
red line | cut 4 explicit subject
thin red line | cut 4 explicit subject
crimson line | cut 4 explicit subject
soaked red | bleeding 3 implied subject
stained red | bleeding 3 implied subject
turned red with blood | bleeding 3 implied subject
lose* POSS sight | maim 8 explicit poss
lose* POSS hearing | maim 7 explicit poss
lose* the use of POSS | maim 7 explicit poss
only one ear | maim 8 implied subject
only one eye | maim 8 implied subject
only one arm | maim 8 implied subject
only one leg | maim 8 implied subject
only one hand | maim 8 implied subject
only one foot | maim 8 implied subject
out of its socket | fracture 4 explicit part
out of POSS socket | fracture 4 explicit part
out of joint | fracture 4 explicit part
";
