//! The app's limits on requests and sessions.

/// The largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The longest prompt or completion accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Changes a session can undo (each keeps a copy of at most 2 × [`MAX_TEXT_CHARS`]
/// characters).
pub const MAX_UNDO: usize = 100;
/// Queries one session may make (scores, saliency maps, dropdowns, edits): the trace keeps
/// one event per query, so this bounds a session's memory and its journal line. A person
/// who needs more opens a new session. Measured at the bound (release build, tiny models,
/// every query a change of a 3,900-character prompt, undo full): about 5 MB a session,
/// so the 64 sessions `serve` keeps at most stay under half a gigabyte.
pub const MAX_SESSION_QUERIES: u64 = 1_000;
