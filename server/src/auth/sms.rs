//! Sending one-time codes by SMS, behind an interface so a real gateway can be plugged in.

use std::sync::Mutex;

use hoi_api::Phone;

pub trait SmsSender: Send + Sync {
    fn send(&self, to: &Phone, text: &str);
}

/// The default: writes the message to the log, for development and the demo.
pub struct LogSender;

impl SmsSender for LogSender {
    fn send(&self, to: &Phone, text: &str) {
        tracing::info!(to = %to, text, "SMS (logged, not sent)");
    }
}

/// Appends each message to a file, a line `phone<TAB>text`: for end-to-end tests and a demo
/// where someone needs the code without reading the server's log.
pub struct FileSender(pub std::path::PathBuf);

impl SmsSender for FileSender {
    fn send(&self, to: &Phone, text: &str) {
        use std::io::Write;
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.0)
            .and_then(|mut file| writeln!(file, "{}\t{text}", to.as_e164()));
        if let Err(error) = written {
            tracing::error!(%error, "could not write the SMS outbox file");
        }
    }
}

/// Keeps what was sent, so tests can read the code a member would receive.
#[derive(Default)]
pub struct RecordingSender {
    pub sent: Mutex<Vec<(Phone, String)>>,
}

impl SmsSender for RecordingSender {
    fn send(&self, to: &Phone, text: &str) {
        self.sent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((to.clone(), text.to_owned()));
    }
}
