//! The people and places of the story world: hundreds of names with their pronouns,
//! settings with their places and objects, weapons by genre, animals.

/// Which pronouns a character takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronouns {
    He,
    She,
    They,
}

/// Names taking `he`. None is an English word that could read as a verb or a noun
/// (no Will, Mark, Pierce, Hunter, Chase…).
#[rustfmt::skip]
pub(crate) const HE_NAMES: &[&str] = &[
    "Aaron", "Adrian", "Alaric", "Aldo", "Alvin", "Ambrose", "Anders", "Andre", "Anton", "Arlo",
    "Arturo", "Barnaby", "Benedict", "Bertram", "Bjorn", "Boris", "Brandon", "Callum", "Casimir",
    "Cedric", "Cesar", "Clement", "Conrad", "Cormac", "Cyrus", "Damian", "Darius", "Declan",
    "Desmond", "Dimitri", "Dorian", "Edgar", "Edmund", "Elias", "Emil", "Emmett", "Enzo", "Erik",
    "Ezra", "Felix", "Fergus", "Florian", "Gareth", "Gideon", "Gordon", "Gregor", "Gustav",
    "Hamish", "Hector", "Henrik", "Horace", "Hugo", "Ignatius", "Ivan", "Jasper", "Jonas",
    "Julian", "Kasimir", "Kieran", "Laszlo", "Leander", "Leon", "Lorenzo", "Lucian", "Magnus",
    "Malcolm", "Marius", "Matthias", "Maxim", "Milo", "Mordecai", "Nikolai", "Nolan", "Oberon",
    "Octavian", "Olaf", "Oren", "Osric", "Oswin", "Otto", "Pavel", "Percival", "Quentin", "Rafael",
    "Ragnar", "Reuben", "Roderick", "Rufus", "Rupert", "Sebastian", "Silas", "Soren", "Stellan",
    "Stefan", "Tadeo", "Tarquin", "Thaddeus", "Theo", "Tobias", "Tomas", "Ulric", "Valentin",
    "Viktor", "Wendell", "Wilhelm", "Xavier", "Yusuf", "Zachary", "Zoltan", "Aldous", "Bram",
    "Caspar", "Dario", "Elric", "Fabian", "Gaspard", "Idris", "Joaquin", "Kenji", "Lars", "Matteo",
    "Niall", "Orrin", "Piotr", "Rasmus", "Tiberius", "Ugo", "Vasco", "Wolfram", "Yannick",
    "Anubis", "Raiden", "Zarek", "Draven", "Sylas", "Brannoc", "Garrick", "Faelan", "Corvin",
    "Aldric", "Tybalt", "Torvald", "Rhovan", "Caelum", "Varis",
];

/// Names taking `she`.
#[rustfmt::skip]
pub(crate) const SHE_NAMES: &[&str] = &[
    "Ada", "Adela", "Agnes", "Aline", "Alma", "Amara", "Anika", "Ariadne", "Astrid", "Beatrix",
    "Bettina", "Bianca", "Brigid", "Calla", "Camille", "Carmen", "Cecily", "Celeste", "Clara",
    "Cordelia", "Dagny", "Daria", "Delphine", "Dorothea", "Edith", "Elena", "Eleanor", "Elise",
    "Elodie", "Elsa", "Emmeline", "Esme", "Estelle", "Eudora", "Fiona", "Freya", "Gemma", "Greta",
    "Gwendolyn", "Harriet", "Helena", "Hilda", "Imogen", "Ingrid", "Irene", "Isadora", "Isolde",
    "Jocasta", "Josephine", "Judith", "Juliana", "Katya", "Lavinia", "Leonora", "Lidia", "Linnea",
    "Lorelei", "Lucia", "Lydia", "Magda", "Maren", "Margit", "Marisol", "Matilda", "Mina",
    "Mirela", "Nadia", "Nell", "Nerissa", "Odette", "Ofelia", "Olga", "Oriana", "Ottilie",
    "Paloma", "Petra", "Philippa", "Priya", "Rhiannon", "Rosalind", "Rowena", "Sabine", "Selma",
    "Seraphina", "Sigrid", "Solveig", "Svetlana", "Tamsin", "Tatiana", "Thea", "Theodora",
    "Ursula", "Valeria", "Vesna", "Wilhelmina", "Xenia", "Yara", "Yvonne", "Zara", "Zelda",
    "Aurelia", "Brenna", "Cosima", "Dalia", "Elin", "Farida", "Giselle", "Hester", "Ilse",
    "Jorunn", "Kalinda", "Mireille", "Noor", "Orla", "Romilly", "Saoirse", "Tindra", "Vivienne",
    "Katara", "Mara", "Elowen", "Kaelith", "Orsolya", "Thalia", "Ysolde", "Merrow", "Talwyn",
    "Isveth", "Eirwen", "Morwen", "Seren", "Lyra", "Saphira", "Ylva",
];

/// Names taking `they`.
#[rustfmt::skip]
pub(crate) const THEY_NAMES: &[&str] = &[
    "Ari", "Avery", "Cael", "Eden", "Ellis", "Emery", "Finley", "Harlow", "Jules", "Kai",
    "Kendall", "Lennox", "Marlow", "Morgan", "Nico", "Oakley", "Quinn", "Reese", "Remy", "Rowan",
    "Sasha", "Shiloh", "Sutton", "Tenzin", "Teagan", "Zephyr", "Arden", "Baylor", "Corin", "Darcy",
    "Ellery", "Hollis", "Imri", "Keir", "Marin", "Noa", "Perrin", "Rory", "Skyler", "Vesper",
];

/// Kinds of story, which decide the weapons at hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Genre {
    Fantasy,
    Modern,
    Western,
    Pirate,
    Future,
}

/// A setting: where the scene is, what is there, and the kind of story.
pub(crate) struct Setting {
    pub name: &'static str,
    pub genre: Genre,
    pub places: &'static [&'static str],
    pub objects: &'static [&'static str],
}

const fn setting(
    name: &'static str,
    genre: Genre,
    places: &'static [&'static str],
    objects: &'static [&'static str],
) -> Setting {
    Setting {
        name,
        genre,
        places,
        objects,
    }
}

/// The settings.
#[rustfmt::skip]
pub(crate) const SETTINGS: &[Setting] = &[
    setting("the tavern", Genre::Fantasy, &["the bar", "the hearth", "a corner table", "the cellar stairs"], &["a mug of ale", "a loaf of bread", "a pack of cards", "the lantern"]),
    setting("the castle courtyard", Genre::Fantasy, &["the well", "the gate", "the stables", "the armory door"], &["a bucket", "a banner", "a sack of grain", "a torch"]),
    setting("the throne room", Genre::Fantasy, &["the dais", "the long carpet", "a pillar", "the high windows"], &["a goblet", "a scroll", "the crown", "a candle"]),
    setting("the forest road", Genre::Fantasy, &["a fallen oak", "the ditch", "the old milestone", "a bend in the road"], &["a walking stick", "a waterskin", "a map", "a bundle of firewood"]),
    setting("the mountain pass", Genre::Fantasy, &["a narrow ledge", "the rope bridge", "a cairn", "the snowline"], &["a coil of rope", "a lantern", "a satchel", "a flask"]),
    setting("the village square", Genre::Fantasy, &["the fountain", "the market stalls", "the chapel steps", "the well"], &["a basket of apples", "a cart", "a bell", "a fiddle"]),
    setting("the blacksmith's forge", Genre::Fantasy, &["the anvil", "the bellows", "the quenching trough", "the doorway"], &["a horseshoe", "a pair of tongs", "a bucket of water", "a leather apron"]),
    setting("the temple", Genre::Fantasy, &["the altar", "the cloister", "the bell tower", "the crypt door"], &["a candle", "a prayer book", "an incense burner", "a silver bowl"]),
    setting("the swamp", Genre::Fantasy, &["a rotten jetty", "the reeds", "a hut on stilts", "the black water"], &["a punt pole", "a net", "a lantern", "a jar of leeches"]),
    setting("the dragon's cave", Genre::Fantasy, &["the entrance", "a heap of coins", "a dark tunnel", "the underground lake"], &["a torch", "a golden cup", "a shield", "a rope"]),
    setting("the inn stable", Genre::Fantasy, &["the hayloft", "a stall", "the water trough", "the tack room"], &["a saddle", "a bucket of oats", "a bridle", "a pitchfork"]),
    setting("the kitchen", Genre::Modern, &["the counter", "the stove", "the fridge", "the back door"], &["a pot of soup", "a cutting board", "a kettle", "a bowl of cherries"]),
    setting("the apartment", Genre::Modern, &["the couch", "the balcony", "the hallway", "the window"], &["a phone", "a cup of coffee", "a stack of mail", "the remote"]),
    setting("the office", Genre::Modern, &["the copier", "the break room", "a cubicle", "the elevator"], &["a laptop", "a stapler", "a coffee mug", "a folder"]),
    setting("the train station", Genre::Modern, &["platform four", "the ticket office", "a bench", "the departures board"], &["a suitcase", "a newspaper", "a ticket", "a paper cup"]),
    setting("the school gym", Genre::Modern, &["the bleachers", "the locker room", "the free-throw line", "the stage"], &["a basketball", "a whistle", "a water bottle", "a clipboard"]),
    setting("the diner", Genre::Modern, &["the counter", "a booth", "the jukebox", "the kitchen hatch"], &["a plate of pancakes", "a menu", "a milkshake", "the ketchup"]),
    setting("the library", Genre::Modern, &["the reading room", "the stacks", "the front desk", "a window seat"], &["an old atlas", "a reading lamp", "a library card", "a pencil"]),
    setting("the parking garage", Genre::Modern, &["level three", "the stairwell", "the ramp", "the payment booth"], &["a set of keys", "a flashlight", "a shopping bag", "a parking ticket"]),
    setting("the beach", Genre::Modern, &["the pier", "the dunes", "the lifeguard tower", "the tide line"], &["a towel", "a cooler", "a kite", "a bucket of shells"]),
    setting("the campsite", Genre::Modern, &["the fire pit", "the tent", "the lake shore", "the woodpile"], &["a marshmallow", "a flashlight", "a sleeping bag", "a guitar"]),
    setting("the museum", Genre::Modern, &["the sculpture hall", "the gift shop", "the main staircase", "a glass case"], &["a brochure", "an audio guide", "a sketchbook", "a ticket"]),
    setting("the rooftop", Genre::Modern, &["the ledge", "the water tank", "the stairwell door", "the antenna"], &["a bottle of soda", "a pair of binoculars", "a blanket", "a radio"]),
    setting("the hospital cafeteria", Genre::Modern, &["the salad bar", "a corner table", "the vending machines", "the window"], &["a tray", "a cup of tea", "a sandwich", "a newspaper"]),
    setting("the saloon", Genre::Western, &["the bar", "the piano", "the swinging doors", "the card table"], &["a shot glass", "a deck of cards", "a hat", "a bottle of whiskey"]),
    setting("the dusty main street", Genre::Western, &["the jailhouse", "the water trough", "the general store", "the hitching post"], &["a saddlebag", "a lasso", "a canteen", "a wanted poster"]),
    setting("the ranch", Genre::Western, &["the corral", "the porch", "the barn", "the windmill"], &["a branding iron", "a bucket", "a saddle", "a lantern"]),
    setting("the stagecoach", Genre::Western, &["the driver's seat", "the roof rack", "the door", "the window"], &["a strongbox", "a mail sack", "a carpetbag", "a canteen"]),
    setting("the ship's deck", Genre::Pirate, &["the mainmast", "the rail", "the quarterdeck", "the hatch"], &["a coil of rope", "a spyglass", "a barrel", "a lantern"]),
    setting("the harbor", Genre::Pirate, &["the docks", "a warehouse", "the harbormaster's hut", "the sea wall"], &["a crate of rum", "a fishing net", "a map", "a parrot cage"]),
    setting("the captain's cabin", Genre::Pirate, &["the chart table", "the stern windows", "the bunk", "the sea chest"], &["a compass", "a bottle of rum", "a logbook", "a candle"]),
    setting("the island cove", Genre::Pirate, &["the beach", "the palm grove", "the rocks", "the longboat"], &["a shovel", "a treasure chest", "a coconut", "a torch"]),
    setting("the bridge of the starship", Genre::Future, &["the captain's chair", "the viewscreen", "the helm", "the science station"], &["a data pad", "a cup of synth-coffee", "a headset", "a star chart"]),
    setting("the space station", Genre::Future, &["the airlock", "the hydroponics bay", "the mess hall", "the observation deck"], &["a data pad", "a ration pack", "a toolkit", "a helmet"]),
    setting("the laboratory", Genre::Future, &["the centrifuge", "the clean room", "the lab bench", "the specimen freezer"], &["a test tube", "a microscope", "a clipboard", "a sample jar"]),
    setting("the desert outpost", Genre::Future, &["the water tower", "the landing pad", "the comms shack", "the perimeter fence"], &["a water ration", "a scanner", "a solar panel", "a goggles case"]),
    setting("the underground market", Genre::Future, &["a noodle stall", "the arcade", "the lift", "a neon sign"], &["a credit chip", "a bowl of noodles", "a drone", "a jacket"]),
];

/// Blades, guns and blunt weapons of a genre.
#[rustfmt::skip]
pub(crate) fn weapons(genre: Genre) -> (&'static [&'static str], &'static [&'static str], &'static [&'static str]) {
    match genre {
        Genre::Fantasy => (&["sword", "dagger", "axe", "knife", "spear"], &["crossbow"], &["club", "mace", "staff", "hammer"]),
        Genre::Modern => (&["knife", "razor", "machete", "shard of glass"], &["pistol", "gun", "rifle"], &["bat", "crowbar", "bottle", "pipe"]),
        Genre::Western => (&["knife", "hatchet"], &["revolver", "rifle", "pistol"], &["bottle", "shovel", "club"]),
        Genre::Pirate => (&["cutlass", "dagger", "knife", "sword"], &["pistol", "musket"], &["club", "bottle", "hammer"]),
        Genre::Future => (&["knife", "vibro-blade", "machete"], &["pistol", "rifle", "gun"], &["pipe", "hammer", "club"]),
    }
}

/// Animals that can be in a scene.
#[rustfmt::skip]
pub(crate) const ANIMALS: &[&str] = &[
    "dog", "wolf", "horse", "boar", "snake", "hawk", "rat", "bear", "mule", "goat", "hound", "cat",
    "crow", "fox",
];

/// Body parts for injuries.
#[rustfmt::skip]
pub(crate) const PARTS: &[&str] = &[
    "arm", "leg", "hand", "shoulder", "jaw", "nose", "wrist", "ankle", "knee", "cheek", "thigh",
    "side", "back", "ribs", "finger", "foot", "forearm", "elbow", "hip", "shin",
];

/// Vital body parts.
pub(crate) const VITAL_PARTS: &[&str] = &[
    "throat", "chest", "neck", "head", "stomach", "belly", "heart",
];

/// Relatives (for past deaths).
#[rustfmt::skip]
pub(crate) const KIN: &[&str] = &[
    "father", "mother", "brother", "sister", "uncle", "aunt", "grandfather", "grandmother",
    "husband", "wife", "son", "daughter", "cousin",
];

/// Times of day and moments.
#[rustfmt::skip]
pub(crate) const TIMES: &[&str] = &[
    "at dawn", "before noon", "that night", "a moment later", "within the hour", "by morning",
    "before sunset", "soon after", "at midnight", "that evening",
];

/// Manner adverbs.
#[rustfmt::skip]
pub(crate) const ADVERBS: &[&str] = &[
    "quietly", "slowly", "suddenly", "carefully", "angrily", "nervously", "softly", "quickly",
    "wearily", "calmly",
];

/// Speech verbs.
#[rustfmt::skip]
pub(crate) const SAID: &[&str] = &[
    "said", "whispered", "muttered", "called", "added", "replied", "snapped", "murmured",
    "laughed", "sighed",
];
