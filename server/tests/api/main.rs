//! The API's integration tests: one binary, a fresh database per test, on SQLite or PostgreSQL.

mod accounts;
mod app_files;
mod backup;
mod branches;
mod covers;
mod feed;
mod groups;
mod hardening;
mod helpers;
mod hoi;
mod instances;
mod jobs;
mod matrix;
mod membership;
mod moderation;
mod photo_contests;
mod photos;
mod platform;
mod polls;
mod quizzes;
mod reports;
mod surveys;
mod todo;
mod unit_people;
mod units_and_profile;
