//! A clean stop: SIGTERM (a rolling restart, the service manager) or Ctrl-C. The instance stops
//! taking connections and finishes the requests in flight, and with them the vote batches they
//! wait on (a vote is answered only once its batch is committed). Event streams never finish by
//! themselves, so they are ended with a hint to come back in half a second; the browser does so by
//! itself, through the load balancer to another instance, resuming with `Last-Event-ID`.

use std::{convert::Infallible, future::Future, sync::Arc, time::Duration};

use axum::response::sse::Event;
use futures_util::{Stream, StreamExt};
use tokio::sync::watch;

/// How soon a phone whose stream was ended comes back.
const COME_BACK_IN: Duration = Duration::from_millis(500);

#[derive(Clone)]
pub struct Stopping(Arc<watch::Sender<bool>>);

impl Default for Stopping {
    fn default() -> Self {
        Stopping(Arc::new(watch::channel(false).0))
    }
}

impl Stopping {
    pub fn stop(&self) {
        self.0.send_replace(true);
    }

    /// Completes when the instance starts stopping.
    pub fn stopped(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut stopping = self.0.subscribe();
        async move {
            let _ = stopping.wait_for(|stopping| *stopping).await;
        }
    }

    /// `events` until the stop, then the hint to reconnect soon, and the end of the response.
    pub fn until_stop(
        &self,
        events: impl Stream<Item = Result<Event, Infallible>> + Send + 'static,
    ) -> impl Stream<Item = Result<Event, Infallible>> + Send + 'static {
        events
            .take_until(self.stopped())
            .chain(futures_util::stream::once(std::future::ready(Ok(
                Event::default().retry(COME_BACK_IN).comment("restarting"),
            ))))
    }
}

/// Waits for SIGTERM or Ctrl-C.
pub async fn signal() {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler");
        tokio::select! {
            _ = term.recv() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
