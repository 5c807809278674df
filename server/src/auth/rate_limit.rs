//! Login rate limits, per phone number and per client address, kept in memory.
//!
//! Failed attempts within a window are counted; past the limit the caller waits until the oldest
//! attempt leaves the window. One instance holds its own counts (enough for a login form; a
//! multi-instance deployment would move this to the database).

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

pub struct RateLimiter {
    window: Duration,
    per_phone: usize,
    per_address: usize,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl RateLimiter {
    pub fn new(window: Duration, per_phone: usize, per_address: usize) -> Self {
        RateLimiter {
            window,
            per_phone,
            per_address,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whole minutes to wait before trying again, or `None` when she may try now.
    pub fn wait_minutes(&self, phone: &str, address: &str) -> Option<u32> {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        [
            (format!("phone:{phone}"), self.per_phone),
            (format!("addr:{address}"), self.per_address),
        ]
        .into_iter()
        .filter_map(|(key, limit)| {
            let attempts = failures.get_mut(&key)?;
            attempts.retain(|at| now.duration_since(*at) < self.window);
            if attempts.len() < limit {
                return None;
            }
            let free_at = attempts[attempts.len() - limit] + self.window;
            let secs = free_at.saturating_duration_since(now).as_secs();
            Some(secs.div_ceil(60).max(1) as u32)
        })
        .max()
    }

    pub fn record_failure(&self, phone: &str, address: &str) {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        for key in [format!("phone:{phone}"), format!("addr:{address}")] {
            failures.entry(key).or_default().push(now);
        }
    }

    /// A successful login clears the phone's count (the address keeps its own).
    pub fn record_success(&self, phone: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&format!("phone:{phone}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_failure_for_one_phone_waits_out_the_window() {
        let limiter = RateLimiter::new(Duration::from_secs(15 * 60), 5, 50);
        for _ in 0..5 {
            assert_eq!(limiter.wait_minutes("+84912345678", "1.2.3.4"), None);
            limiter.record_failure("+84912345678", "1.2.3.4");
        }
        assert_eq!(limiter.wait_minutes("+84912345678", "1.2.3.4"), Some(15));
        assert_eq!(
            limiter.wait_minutes("+84987654321", "1.2.3.4"),
            None,
            "another phone is not blocked"
        );
    }

    #[test]
    fn many_phones_from_one_address_are_limited_too() {
        let limiter = RateLimiter::new(Duration::from_secs(600), 5, 3);
        for n in 0..3 {
            limiter.record_failure(&format!("+8491234567{n}"), "5.6.7.8");
        }
        assert_eq!(limiter.wait_minutes("+84999999999", "5.6.7.8"), Some(10));
    }

    #[test]
    fn success_clears_the_phone() {
        let limiter = RateLimiter::new(Duration::from_secs(600), 2, 50);
        limiter.record_failure("p", "a");
        limiter.record_failure("p", "a");
        limiter.record_success("p");
        assert_eq!(limiter.wait_minutes("p", "a"), None);
    }
}
