//! The tool-assisted rewriting app (the paper's §4.4.3) as a local web page: the live
//! score, tokens highlighted by saliency, a dropdown of substitutions and insertions
//! sorted by how much they lower the score, free editing, undo, and submission to an
//! append-only journal. A "no tools" mode shows the score only (§5.2's comparison).
//!
//! All model work happens on one thread ([`worker`]); the HTTP side only parses, checks
//! sizes and forwards. Several people can work at once, each in a session of their own.
//!
//! ```
//! // the app serves this machine only, unless told otherwise
//! let runtime = tokio::runtime::Builder::new_current_thread()
//!     .enable_all()
//!     .build()
//!     .unwrap();
//! let refused = runtime.block_on(serve::bind("0.0.0.0:0".parse().unwrap(), false));
//! assert!(matches!(refused, Err(serve::ServeError::Remote(_))));
//! ```

#![deny(missing_docs)]

pub mod api;
mod limits;
mod routes;
mod server;
pub mod worker;

pub use limits::{MAX_BODY_BYTES, MAX_SESSION_QUERIES, MAX_TEXT_CHARS, MAX_UNDO};
pub use routes::{AppState, OpenRequest, router};
pub use server::{ServeError, bind, serve, serve_on};
