//! The hand-written core of the injury verbs: the common verbs, with what WordNet does
//! not say — which arguments make them literal (a person or a body part), their
//! irregular forms, and how severe the injury they describe is. WordNet adds the long
//! tail (see `super::harvest`); where both list a verb, this table wins.
//!
//! One verb per line: `lemma frame kind severity [past=… pp=… ing=…]`.
//!
//! Frames:
//! - `T`: transitive; the patient (object of the active, subject of the passive) must be a
//!   character or a character's body part (`cut him`, `cut his hand`, not `cut the cake`);
//! - `A`: transitive with a character as patient only (`hanged him`, not `hung his head`);
//! - `P`: a body part is the patient, as object or as intransitive subject (`broke his
//!   arm`, `his arm broke`; not `broke the silence`, nor `he broke down`);
//! - `I`: intransitive; the subject (a character or a body part) is the victim (`died`,
//!   `his nose bled`);
//! - `B`: both `A` and `I` (`drowned him`, `he drowned`).
//!
//! Severity is on the 1–9 scale of [`crate::InjuryKind::severity`]; it overrides the kind's
//! default for this verb.

/// The table (parsed by `super::build`; a test checks every line parses).
pub(crate) const CORE_VERBS: &str = "
kill T death 9
murder T death 9
slay T death 9 past=slew pp=slain
assassinate A death 9
execute A death 9
slaughter T death 9
butcher A death 9
massacre A death 9
behead A death 9
decapitate A death 9
hang A death 9 past=hanged,hung pp=hanged,hung
lynch A death 9
crucify A death 9
drown B death 9
suffocate B death 8
asphyxiate B death 8
electrocute B death 8
die I death 9
perish I death 9
expire I death 9
garrotte A death 9
strangle A strangle 7
throttle A strangle 6
choke A strangle 6
smother A strangle 6
poison A poison 6
stab T stab 7
knife T stab 7
impale T stab 8
skewer T stab 7
spear T stab 7
gore T stab 7
bayonet T stab 7
pierce T stab 6
shoot T gunshot 7 past=shot pp=shot
kneecap T gunshot 7
cut T cut 4 past=cut pp=cut
slash T cut 5
slice T cut 4
gash T cut 5
lacerate T cut 5
slit T cut 6 past=slit pp=slit
hack T cut 5
nick T minor 2
graze T minor 2
sever P maim 8
amputate P maim 8
maim A maim 8
mutilate T maim 8
dismember A maim 9
disembowel A maim 9
eviscerate A maim 9
blind A maim 8
cripple A maim 7
disfigure T maim 7
scalp A maim 8
flay T maim 8
burn T burn 6 past=burned,burnt pp=burned,burnt
scald T burn 5
sear T burn 5
scorch T burn 4
brand T burn 5
singe T minor 2
break P fracture 5 past=broke pp=broken
fracture P fracture 5
snap P fracture 5
shatter P fracture 6
crack P fracture 4
dislocate P fracture 4
sprain P minor 2
stub P minor 2
twist P minor 2
crush T fracture 5
squash T fracture 5
explode P maim 8
burst P maim 7 past=burst pp=burst
rupture P maim 6
bite T bite 4 past=bit pp=bitten
maul T bite 6
savage T bite 6
claw T bite 4
rake T minor 3
sting T minor 2 past=stung pp=stung
hit T blow 3 past=hit pp=hit
punch T blow 3
kick T blow 3
slap T blow 2
smack T blow 2
strike T blow 3 past=struck pp=struck,stricken
beat T blow 4 past=beat pp=beaten,beat
whip T blow 4
flog T blow 4
lash T blow 4
club T blow 4
bludgeon T blow 6
cudgel T blow 5
pummel T blow 4
batter T blow 4
thrash T blow 4
clobber T blow 3
wallop T blow 3
whack T blow 3
bash T blow 3
headbutt T blow 3
knee T blow 3
elbow T blow 2
trample T blow 5
bleed I bleeding 3 past=bled pp=bled
hurt T harm 3 past=hurt pp=hurt
injure T harm 4
wound T harm 5
harm T harm 3
torture A harm 6
assault A blow 4
bruise T minor 2
concuss A unconscious 4
tear T cut 5 past=tore pp=torn
scrape P minor 2
split P cut 4 past=split pp=split
cave P fracture 6
scratch T minor 2
skin P minor 2
";
