//! The ranking of a quiz contest: score first, then the tie-breaks in the order the rules give
//! (prediction gap, time taken, submission time), one line per entrant (her best attempt).
//!
//! Pure, so the rules are tested without a database; `db::quiz_attempts::rank_if_closed` feeds
//! it the submitted attempts at the close.

use std::{cmp::Ordering, collections::HashMap};

use hoi_api::quiz::{Prize, Prizes, TieBreak};

/// One submitted attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub attempt_id: i64,
    pub user_id: i64,
    pub score: u32,
    pub prediction: Option<i64>,
    pub duration_ms: i64,
    pub submitted_ms: i64,
}

/// An entrant's place: the attempt that counts, her rank (equal entrants share one) and prize.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub entry: Entry,
    pub rank: u32,
    pub gap: Option<i64>,
    pub prize: Option<Prize>,
}

/// Compares two attempts by the rules: `Less` means `a` places higher. A missing prediction
/// places after every given one.
fn compare(a: &Entry, b: &Entry, truth: i64, tie_breaks: &[TieBreak]) -> Ordering {
    let gap = |e: &Entry| e.prediction.map_or(i64::MAX, |p| (p - truth).abs());
    tie_breaks.iter().fold(b.score.cmp(&a.score), |order, tie_break| {
        order.then_with(|| match tie_break {
            TieBreak::Prediction => gap(a).cmp(&gap(b)),
            TieBreak::Time => a.duration_ms.cmp(&b.duration_ms),
            TieBreak::Submitted => a.submitted_ms.cmp(&b.submitted_ms),
        })
    })
}

/// Ranks the entrants: each one's best attempt, sorted by the rules; entrants equal on every
/// rule share a rank (1, 1, 3) and prizes go down the list in order.
pub fn rank(entries: &[Entry], truth: i64, tie_breaks: &[TieBreak], prizes: &Prizes) -> Vec<Placed> {
    let mut best: HashMap<i64, Entry> = HashMap::new();
    for entry in entries {
        best.entry(entry.user_id)
            .and_modify(|kept| {
                if compare(entry, kept, truth, tie_breaks) == Ordering::Less {
                    *kept = *entry;
                }
            })
            .or_insert(*entry);
    }
    let mut order: Vec<Entry> = best.into_values().collect();
    // The attempt id only makes the listing stable; it never separates equal entrants' ranks.
    order.sort_by(|a, b| compare(a, b, truth, tie_breaks).then(a.attempt_id.cmp(&b.attempt_id)));
    let mut placed: Vec<Placed> = Vec::with_capacity(order.len());
    for (position, entry) in order.into_iter().enumerate() {
        let position = u32::try_from(position).unwrap_or(u32::MAX);
        let rank = match placed.last() {
            Some(previous) if compare(&previous.entry, &entry, truth, tie_breaks) == Ordering::Equal => {
                previous.rank
            }
            _ => position + 1,
        };
        placed.push(Placed {
            entry,
            rank,
            gap: entry.prediction.map(|p| (p - truth).abs()),
            prize: prizes.for_position(position),
        });
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRIZES: Prizes = Prizes {
        first: 1,
        second: 1,
        third: 1,
        consolation: 0,
    };

    fn entry(user_id: i64, score: u32, prediction: Option<i64>, seconds: i64, submitted: i64) -> Entry {
        Entry {
            attempt_id: user_id * 10,
            user_id,
            score,
            prediction,
            duration_ms: seconds * 1000,
            submitted_ms: submitted * 1000,
        }
    }

    fn users(placed: &[Placed]) -> Vec<i64> {
        placed.iter().map(|p| p.entry.user_id).collect()
    }

    fn ranks(placed: &[Placed]) -> Vec<u32> {
        placed.iter().map(|p| p.rank).collect()
    }

    #[test]
    fn the_higher_score_wins_whatever_the_prediction_and_time() {
        let placed = rank(
            &[entry(1, 80, Some(100), 10, 1), entry(2, 90, Some(3), 500, 9)],
            100,
            &TieBreak::DEFAULT,
            &PRIZES,
        );
        assert_eq!(users(&placed), [2, 1]);
        assert_eq!(ranks(&placed), [1, 2]);
    }

    #[test]
    fn equal_scores_go_to_the_smaller_prediction_gap_above_or_below() {
        let placed = rank(
            &[
                entry(1, 90, Some(130), 10, 1), // gap 30
                entry(2, 90, Some(95), 300, 5), // gap 5, slower
                entry(3, 90, Some(90), 20, 2),  // gap 10
                entry(4, 90, None, 5, 1),       // no prediction: last
            ],
            100,
            &TieBreak::DEFAULT,
            &PRIZES,
        );
        assert_eq!(users(&placed), [2, 3, 1, 4]);
        assert_eq!(placed[0].gap, Some(5));
        assert_eq!(placed[3].gap, None);
        assert_eq!(
            placed.iter().map(|p| p.prize).collect::<Vec<_>>(),
            [Some(Prize::First), Some(Prize::Second), Some(Prize::Third), None]
        );
    }

    #[test]
    fn equal_score_and_gap_go_to_the_faster_then_the_earlier() {
        let placed = rank(
            &[
                entry(1, 90, Some(105), 200, 50),
                entry(2, 90, Some(95), 120, 90), // same gap, faster
                entry(3, 90, Some(95), 120, 60), // same gap and time, earlier
            ],
            100,
            &TieBreak::DEFAULT,
            &PRIZES,
        );
        assert_eq!(users(&placed), [3, 2, 1]);
        assert_eq!(ranks(&placed), [1, 2, 3]);
    }

    #[test]
    fn the_order_of_tie_breaks_is_a_setting() {
        let entries = [entry(1, 90, Some(100), 300, 1), entry(2, 90, Some(50), 60, 2)];
        let by_gap = rank(&entries, 100, &TieBreak::DEFAULT, &PRIZES);
        assert_eq!(users(&by_gap), [1, 2]);
        let by_time = rank(
            &entries,
            100,
            &[TieBreak::Time, TieBreak::Prediction, TieBreak::Submitted],
            &PRIZES,
        );
        assert_eq!(users(&by_time), [2, 1]);
    }

    #[test]
    fn entrants_equal_on_every_rule_share_a_rank_and_the_next_rank_skips() {
        let placed = rank(
            &[
                entry(1, 90, Some(98), 60, 10),
                entry(2, 90, Some(102), 60, 10),
                entry(3, 70, None, 60, 10),
            ],
            100,
            &TieBreak::DEFAULT,
            &PRIZES,
        );
        assert_eq!(ranks(&placed), [1, 1, 3]);
    }

    #[test]
    fn only_her_best_attempt_counts() {
        let first_try = entry(1, 60, Some(100), 60, 10);
        let second_try = Entry {
            attempt_id: 11,
            score: 90,
            ..first_try
        };
        let placed = rank(
            &[first_try, second_try, entry(2, 80, Some(100), 60, 10)],
            100,
            &TieBreak::DEFAULT,
            &PRIZES,
        );
        assert_eq!(placed.len(), 2);
        assert_eq!(placed[0].entry.attempt_id, 11);
        assert_eq!(placed[0].entry.score, 90);
    }
}
