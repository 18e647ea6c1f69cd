//! Weapons and hazards with the injury each causes, and the verbs by which one reaches its
//! target.

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
