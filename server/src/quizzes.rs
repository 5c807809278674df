//! Quiz contests' rules, apart from their routes and queries: the ranking at the close.

pub mod ranking;
