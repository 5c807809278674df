//! Photo contests' rules, apart from their routes and queries: the ranking that weighs votes and
//! judges' scores, the results announced at the close, and the vote path (batched writes and the
//! live tallies).

pub mod ranking;
pub mod results;
pub mod votes;
