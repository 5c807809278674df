//! The API's integration tests: one binary, a fresh database per test, on SQLite or PostgreSQL.

mod accounts;
mod groups;
mod helpers;
mod membership;
mod platform;
mod units_and_profile;
