//! Injury nouns and adjectives, each with its kind and severity and how it attaches to a
//! character or a body part.

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
