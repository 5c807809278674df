//! Surveys' rules, apart from their routes and queries: the Hội's needs survey as a template.

pub mod template;
