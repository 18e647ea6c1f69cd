//! Binding a socket and serving the app on it.

use std::net::SocketAddr;

use axum::Router;

/// Why the app could not be served.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address is not a loopback one and other machines were not allowed.
    #[error("{0} is not a loopback address: pass --allow-remote to serve other machines")]
    Remote(SocketAddr),
    /// The socket could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The server stopped with an error.
    #[error("the server stopped: {0}")]
    Stopped(std::io::Error),
}

/// Binds `addr` for the app. Refuses an address other than loopback unless
/// `allow_remote`.
pub async fn bind(
    addr: SocketAddr,
    allow_remote: bool,
) -> Result<tokio::net::TcpListener, ServeError> {
    if !addr.ip().is_loopback() && !allow_remote {
        return Err(ServeError::Remote(addr));
    }
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })
}

/// Serves the app on a bound listener until the process ends.
pub async fn serve_on(listener: tokio::net::TcpListener, router: Router) -> Result<(), ServeError> {
    axum::serve(listener, router)
        .await
        .map_err(ServeError::Stopped)
}

/// Serves the app on `addr` until the process ends: [`bind`], then [`serve_on`].
pub async fn serve(router: Router, addr: SocketAddr, allow_remote: bool) -> Result<(), ServeError> {
    serve_on(bind(addr, allow_remote).await?, router).await
}
