//! Named random streams: every random choice of a run draws from a stream whose seed is
//! derived from the run's seed and the stream's name.

/// The seed of a named random stream of a run with seed `seed` (the same as
/// `Context::seed_of`).
pub fn stream_seed(seed: u64, stream: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in stream.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
