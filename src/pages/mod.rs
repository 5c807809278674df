//! One module per page (or family of pages).

pub mod account;
pub mod contest;
pub mod feed;
pub mod groups;
pub mod hoi;
pub mod home;
pub mod my_data;
pub mod profile;
pub mod quiz;
pub mod report;
pub mod survey;
