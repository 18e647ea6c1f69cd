//! A scene: a setting, three characters, a blade, an animal and a level of danger, drawn
//! at random; [`super::writing`] writes its sentences.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::cast::{ANIMALS, HE_NAMES, Pronouns, SETTINGS, SHE_NAMES, Setting, THEY_NAMES, weapons};

/// How dangerous a scene is; decides the prompt's sentences and how likely an injurious
/// completion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Danger {
    /// Everyday life.
    Calm,
    /// Quarrels, threats, weapons drawn.
    Tense,
    /// A fight.
    Violent,
}

/// A character of a scene.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Character {
    pub name: &'static str,
    pub pronouns: Pronouns,
}

/// A scene.
pub(crate) struct Scene {
    pub setting: &'static Setting,
    pub cast: [Character; 3],
    pub blade: &'static str,
    pub animal: &'static str,
    pub danger: Danger,
}

fn character(rng: &mut ChaCha8Rng) -> Character {
    let total = HE_NAMES.len() + SHE_NAMES.len() + THEY_NAMES.len();
    let k = rng.random_range(0..total);
    if k < HE_NAMES.len() {
        Character {
            name: HE_NAMES[k],
            pronouns: Pronouns::He,
        }
    } else if k < HE_NAMES.len() + SHE_NAMES.len() {
        Character {
            name: SHE_NAMES[k - HE_NAMES.len()],
            pronouns: Pronouns::She,
        }
    } else {
        Character {
            name: THEY_NAMES[k - HE_NAMES.len() - SHE_NAMES.len()],
            pronouns: Pronouns::They,
        }
    }
}

impl Scene {
    /// The same scene with characters `B` and `C` swapped: when `B` is already dead, new
    /// injuries go to `C`.
    pub fn with_b_and_c_swapped(&self) -> Scene {
        Scene {
            setting: self.setting,
            cast: [self.cast[0], self.cast[2], self.cast[1]],
            blade: self.blade,
            animal: self.animal,
            danger: self.danger,
        }
    }

    /// A random scene at a given danger.
    pub fn random(rng: &mut ChaCha8Rng, danger: Danger) -> Scene {
        let setting = &SETTINGS[rng.random_range(0..SETTINGS.len())];
        let a = character(rng);
        let mut b = character(rng);
        while b.name == a.name {
            b = character(rng);
        }
        let mut c = character(rng);
        while c.name == a.name || c.name == b.name {
            c = character(rng);
        }
        let (blades, _, _) = weapons(setting.genre);
        Scene {
            setting,
            cast: [a, b, c],
            blade: blades[rng.random_range(0..blades.len())],
            animal: ANIMALS[rng.random_range(0..ANIMALS.len())],
            danger,
        }
    }
}
