//! The photo contest's ranking: the judges' average and the public vote, each on 100, weighed
//! by the contest's setting (70/30 puts judges at 70). Pure, so the weights are tested alone.

/// One approved entry's raw figures.
#[derive(Debug, Clone)]
pub struct Standing {
    pub entry_id: i64,
    pub votes: u32,
    /// Each judge's total over the criteria.
    pub judge_totals: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub entry_id: i64,
    /// Equal totals and equal votes share a rank (1, 1, 3).
    pub rank: u32,
    /// The judges' average on 100; `None` when nobody scored it (counts as 0 in the total).
    pub judge_average: Option<f64>,
    pub votes: u32,
    /// The most-voted entry has 100.
    pub vote_score: f64,
    pub total: f64,
}

/// Ranks by total, then by votes, then by the judges' average, then by the earlier entry.
/// `max_points` is the sum of the criteria's maxima.
pub fn rank(entries: &[Standing], judge_weight: u32, max_points: u32) -> Vec<Ranked> {
    let most_votes = entries.iter().map(|e| e.votes).max().unwrap_or(0);
    let judge_weight = f64::from(judge_weight.min(100));
    let mut ranked: Vec<Ranked> = entries
        .iter()
        .map(|entry| {
            let judge_average = (!entry.judge_totals.is_empty() && max_points > 0).then(|| {
                let sum: f64 = entry.judge_totals.iter().map(|t| f64::from(*t)).sum();
                round2(sum / entry.judge_totals.len() as f64 / f64::from(max_points) * 100.0)
            });
            let vote_score = if most_votes == 0 {
                0.0
            } else {
                round2(f64::from(entry.votes) / f64::from(most_votes) * 100.0)
            };
            let total = round2(
                (judge_weight * judge_average.unwrap_or(0.0) + (100.0 - judge_weight) * vote_score) / 100.0,
            );
            Ranked {
                entry_id: entry.entry_id,
                rank: 0,
                judge_average,
                votes: entry.votes,
                vote_score,
                total,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.total
            .total_cmp(&a.total)
            .then(b.votes.cmp(&a.votes))
            .then(
                b.judge_average
                    .unwrap_or(0.0)
                    .total_cmp(&a.judge_average.unwrap_or(0.0)),
            )
            .then(a.entry_id.cmp(&b.entry_id))
    });
    let mut previous: Option<(f64, u32, u32)> = None;
    for (position, row) in ranked.iter_mut().enumerate() {
        let place = u32::try_from(position).unwrap_or(u32::MAX).saturating_add(1);
        row.rank = match previous {
            Some((total, votes, rank)) if total == row.total && votes == row.votes => rank,
            _ => place,
        };
        previous = Some((row.total, row.votes, row.rank));
    }
    ranked
}

/// Two decimals: what the results table shows is what ranks.
fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, votes: u32, judges: &[u32]) -> Standing {
        Standing {
            entry_id: id,
            votes,
            judge_totals: judges.to_vec(),
        }
    }

    fn order(ranked: &[Ranked]) -> Vec<(i64, u32)> {
        ranked.iter().map(|r| (r.entry_id, r.rank)).collect()
    }

    #[test]
    fn judges_outweigh_votes_at_70_30() {
        // Entry 1: judges 18/20 (90), 10 votes (100). Entry 2: judges 20/20 (100), 2 votes (20).
        let entries = [entry(1, 10, &[18]), entry(2, 2, &[20])];
        let ranked = rank(&entries, 70, 20);
        // 1: 0.7×90 + 0.3×100 = 93; 2: 0.7×100 + 0.3×20 = 76.
        assert_eq!(order(&ranked), [(1, 1), (2, 2)]);
        assert_eq!(ranked[0].total, 93.0);
        assert_eq!(ranked[1].total, 76.0);
        assert_eq!(ranked[1].vote_score, 20.0);
    }

    #[test]
    fn the_weight_is_a_setting_that_changes_the_winner() {
        // Entry 1: judges 10/20 (50), 10 votes (100). Entry 2: judges 20/20 (100), 5 votes (50).
        let entries = [entry(1, 10, &[10]), entry(2, 5, &[20])];
        assert_eq!(order(&rank(&entries, 70, 20)), [(2, 1), (1, 2)]); // 85 vs 65
        assert_eq!(order(&rank(&entries, 30, 20)), [(1, 1), (2, 2)]); // 85 vs 65, reversed
        assert_eq!(order(&rank(&entries, 0, 20)), [(1, 1), (2, 2)]);
    }

    #[test]
    fn judges_are_averaged_and_an_unscored_entry_gets_nothing_from_them() {
        let entries = [entry(1, 0, &[10, 20]), entry(2, 0, &[])];
        let ranked = rank(&entries, 100, 20);
        assert_eq!(ranked[0].judge_average, Some(75.0));
        assert_eq!(ranked[1].judge_average, None);
        assert_eq!(ranked[1].total, 0.0);
    }

    #[test]
    fn equal_totals_fall_to_votes_then_share_a_rank() {
        let entries = [entry(1, 4, &[]), entry(2, 4, &[]), entry(3, 2, &[])];
        assert_eq!(order(&rank(&entries, 0, 0)), [(1, 1), (2, 1), (3, 3)]);
        // Equal totals, different votes: more votes first.
        let entries = [entry(1, 2, &[20]), entry(2, 4, &[10])];
        let ranked = rank(&entries, 50, 20);
        assert_eq!(ranked[0].total, ranked[1].total);
        assert_eq!(order(&ranked), [(2, 1), (1, 2)]);
    }

    #[test]
    fn no_votes_at_all_is_not_a_division_by_zero() {
        let ranked = rank(&[entry(1, 0, &[5])], 30, 10);
        assert_eq!(ranked[0].vote_score, 0.0);
        assert_eq!(ranked[0].total, 15.0);
    }
}
