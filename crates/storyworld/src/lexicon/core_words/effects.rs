//! Injuries told by their effects on a body, as phrase patterns with their kind, severity,
//! directness and victim.

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
