//! Puts a report together from the aggregate queries of `db::reports`: they count per group
//! (and per step of the series), this adds the rows up per child unit and for the whole scope.
//! Fetching ([`fetch`]) and folding ([`fold`] and its parts) are apart, so the sums are tested
//! without a database.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use hoi_api::report::{
    ActivityFigures, ChildFigures, MemberFigures, ProgrammeFigures, Report, SeriesPoint, StatusCount, TopPost,
};

use super::Scope;
use crate::db::{
    now,
    reports::{
        self as q, ApplicationFilter, MemberCounts, ScopeGroup, Span, Steps, TreeUnit, Wait, VIETNAM_OFFSET,
    },
    Db,
};

const DAY: i64 = 86_400;
/// Periods up to a quarter are drawn day by day; longer ones week by week.
const DAILY_UP_TO_DAYS: i64 = 92;

/// Midnight in Việt Nam at the start of `day`, in seconds since the epoch.
pub fn vietnam_midnight(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp()) - VIETNAM_OFFSET
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// Which row of the side-by-side table a unit falls in: the child of the scope's unit it lies
/// under, or `None` for the scope's unit itself.
fn child_under(unit: i64, scope_unit: i64, parents: &HashMap<i64, Option<i64>>) -> Option<i64> {
    let mut current = unit;
    // The tree is shallow; the bound guards a cycle.
    for _ in 0..16 {
        if current == scope_unit {
            return None;
        }
        match parents.get(&current).copied().flatten() {
            Some(parent) if parent == scope_unit => return Some(current),
            Some(parent) => current = parent,
            None => return None,
        }
    }
    None
}

/// Sums step rows per group, and per step over all groups.
fn by_group(rows: &Steps) -> HashMap<i64, i64> {
    let mut sums = HashMap::new();
    for (group, _, n) in rows {
        *sums.entry(*group).or_insert(0) += n;
    }
    sums
}

fn by_step(rows: &Steps, steps: usize) -> Vec<i64> {
    let mut sums = vec![0; steps];
    for (_, step, n) in rows {
        if let Some(slot) = usize::try_from(*step).ok().and_then(|s| sums.get_mut(s)) {
            *slot += n;
        }
    }
    sums
}

/// The report of `scope` for the days `first..=last`.
pub async fn report(
    db: &Db,
    scope: &Scope,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Report, sqlx::Error> {
    let long = (last - first).num_days() + 1 > DAILY_UP_TO_DAYS;
    let span = Span {
        start: vietnam_midnight(first),
        end: vietnam_midnight(last + Days::new(1)),
        step: if long { 7 * DAY } else { DAY },
    };
    let fetched = fetch(db, scope, span).await?;
    Ok(fold(scope, first, last, span, now(), &fetched))
}

/// What the queries return for a scope and a period, per group and per step, before any sum.
#[derive(Default)]
struct Fetched {
    groups: Vec<ScopeGroup>,
    /// The scope unit's subtree; empty for a group's report.
    tree: Vec<TreeUnit>,
    members: HashMap<i64, MemberCounts>,
    former: HashMap<i64, i64>,
    joined: Steps,
    left: Steps,
    posts: Steps,
    comments: Steps,
    reactions: Steps,
    active: HashMap<i64, i64>,
    /// `(weekday, hour, n)`.
    busy: Vec<(i64, i64, i64)>,
    member_wait: Option<i64>,
    post_wait: Option<i64>,
    answer_wait: Option<i64>,
    /// `(id, group_id, body, reactions, comments)`.
    top: Vec<(i64, i64, String, i64, i64)>,
    /// `(contests, entries, votes)`.
    photo_contests: (i64, i64, i64),
    /// `(quizzes, entrants, attempts, submitted)`.
    quizzes: (i64, i64, i64, i64),
    /// `(surveys, responses)`.
    surveys: (i64, i64),
    /// `(commune, status, n)`.
    applications: Vec<(i64, String, i64)>,
}

async fn fetch(db: &Db, scope: &Scope, span: Span) -> Result<Fetched, sqlx::Error> {
    let (groups, tree) = match scope {
        Scope::Group(group) => (vec![group.clone()], Vec::new()),
        Scope::Unit { id, .. } => (q::groups_under(db, *id).await?, q::subtree(db, *id).await?),
    };
    let ids = q::id_list(groups.iter().map(|g| g.id));
    let unit_ids = q::id_list(tree.iter().map(|u| u.id));
    let applications_filter = match scope {
        Scope::Group(group) => ApplicationFilter::Group(group.id),
        Scope::Unit { .. } => ApplicationFilter::Communes(unit_ids.clone()),
    };
    // The queries are independent: on SQLite's pool of readers and on PostgreSQL they run side by side.
    let (members, former, daily, active, busy) = tokio::try_join!(
        q::members(db, &ids, span.end),
        q::former_members(db, &ids, span.end),
        q::daily(db, &ids, span),
        q::active_members(db, &ids, span),
        q::busy_hours(db, &ids, span),
    )?;
    let q::Daily {
        joined,
        left,
        posts,
        comments,
        reactions,
    } = daily;
    let (member_wait, post_wait, answer_wait, top, photo_contests, quizzes, surveys, applications) = tokio::try_join!(
        q::median(db, &ids, span, Wait::MemberApproval),
        q::median(db, &ids, span, Wait::PostApproval),
        q::median(db, &ids, span, Wait::Answer),
        q::top_posts(db, &ids, span),
        q::photo_contests(db, &ids, span),
        q::quizzes(db, &ids, &unit_ids, span),
        q::surveys(db, &ids, &unit_ids, span),
        q::applications(db, &applications_filter, span),
    )?;
    Ok(Fetched {
        groups,
        tree,
        members,
        former,
        joined,
        left,
        posts,
        comments,
        reactions,
        active,
        busy,
        member_wait,
        post_wait,
        answer_wait,
        top,
        photo_contests,
        quizzes,
        surveys,
        applications,
    })
}

/// Adds the fetched rows up into the report; `now` cuts the series at today.
fn fold(scope: &Scope, first: NaiveDate, last: NaiveDate, span: Span, now: i64, f: &Fetched) -> Report {
    let scope_unit = match scope {
        Scope::Group(_) => None,
        Scope::Unit { id, .. } => Some(*id),
    };
    let (total, children, by_status) = table(f, scope_unit);
    let shown_end = span.end.min(now.max(span.start + 1));
    let (by_weekday, by_hour) = busy_hours(&f.busy);
    let seconds = |wait: Option<i64>| wait.map(count);
    Report {
        scope: scope.result_scope(),
        from: first.format("%Y-%m-%d").to_string(),
        to: last.format("%Y-%m-%d").to_string(),
        days: count((shown_end - span.start + DAY - 1) / DAY).max(1),
        groups: total.groups,
        series: series(f, first, span, shown_end, total.members.total),
        top_posts: top_posts(f),
        members: total.members,
        activity: ActivityFigures {
            posts: total.posts,
            comments: total.comments,
            reactions: total.reactions,
            active_members: total.active_members,
            by_weekday,
            by_hour,
            median_member_approval: seconds(f.member_wait),
            median_post_approval: seconds(f.post_wait),
            median_answer: seconds(f.answer_wait),
        },
        programmes: ProgrammeFigures {
            photo_contests: count(f.photo_contests.0),
            photo_contest_entries: count(f.photo_contests.1),
            photo_contest_votes: count(f.photo_contests.2),
            quizzes: count(f.quizzes.0),
            quiz_entrants: count(f.quizzes.1),
            quiz_attempts: count(f.quizzes.2),
            quiz_submitted: count(f.quizzes.3),
            surveys: count(f.surveys.0),
            survey_responses: count(f.surveys.1),
        },
        applications: by_status
            .into_iter()
            .map(|(status, count)| StatusCount { status, count })
            .collect(),
        step_days: count(span.step / DAY),
        children,
    }
}

/// The side-by-side table: the whole scope's row, one row per child unit (or per group attached
/// to the scope's unit itself), sorted by name, and the applications by status.
fn table(f: &Fetched, scope_unit: Option<i64>) -> (ChildFigures, Vec<ChildFigures>, BTreeMap<String, u32>) {
    let joined_by_group = by_group(&f.joined);
    let left_by_group = by_group(&f.left);
    let posts_by_group = by_group(&f.posts);
    let comments_by_group = by_group(&f.comments);
    let reactions_by_group = by_group(&f.reactions);
    let get = |map: &HashMap<i64, i64>, group: i64| count(map.get(&group).copied().unwrap_or(0));
    let group_members = |group: i64| {
        let now = f.members.get(&group).copied().unwrap_or_default();
        MemberFigures {
            total: count(now.total + f.former.get(&group).copied().unwrap_or(0)),
            joined: get(&joined_by_group, group),
            left: get(&left_by_group, group),
            not_hoi: count(now.not_hoi),
            outside: count(now.outside),
            overseas: count(now.overseas),
        }
    };
    let parents: HashMap<i64, Option<i64>> = f.tree.iter().map(|u| (u.id, u.parent_id)).collect();
    let unit_names: HashMap<i64, &str> = f.tree.iter().map(|u| (u.id, u.name.as_str())).collect();
    let unit_row = |child: i64| {
        let key = format!("unit:{child}");
        let name = unit_names.get(&child).copied().unwrap_or("").to_owned();
        (key, name)
    };
    let mut rows: BTreeMap<String, ChildFigures> = BTreeMap::new();
    let mut total = ChildFigures::default();
    for group in &f.groups {
        let figures = group_members(group.id);
        let add = |row: &mut ChildFigures| {
            row.groups += 1;
            let m = &mut row.members;
            m.total += figures.total;
            m.joined += figures.joined;
            m.left += figures.left;
            m.not_hoi += figures.not_hoi;
            m.outside += figures.outside;
            m.overseas += figures.overseas;
            row.posts += get(&posts_by_group, group.id);
            row.comments += get(&comments_by_group, group.id);
            row.reactions += get(&reactions_by_group, group.id);
            row.active_members += get(&f.active, group.id);
        };
        add(&mut total);
        if let Some(scope_unit) = scope_unit {
            let key = match child_under(group.unit_id, scope_unit, &parents) {
                Some(child) => unit_row(child),
                None => (format!("group:{}", group.id), group.name.clone()),
            };
            add(row(&mut rows, key));
        }
    }
    let mut by_status: BTreeMap<String, u32> = BTreeMap::new();
    for (commune, status, n) in &f.applications {
        *by_status.entry(status.clone()).or_insert(0) += count(*n);
        if let Some(child) = scope_unit.and_then(|s| child_under(*commune, s, &parents)) {
            row(&mut rows, unit_row(child)).applications += count(*n);
        }
    }
    let mut children: Vec<ChildFigures> = rows.into_values().collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    (total, children, by_status)
}

/// The table's row under `key`, made empty the first time.
fn row(rows: &mut BTreeMap<String, ChildFigures>, (key, name): (String, String)) -> &mut ChildFigures {
    rows.entry(key.clone()).or_insert_with(|| ChildFigures {
        key,
        name,
        ..ChildFigures::default()
    })
}

/// What happened per step up to `shown_end`, and members at the end of each step, counted back
/// from `members_at_close` (the members at the end of the period).
fn series(
    f: &Fetched,
    first: NaiveDate,
    span: Span,
    shown_end: i64,
    members_at_close: u32,
) -> Vec<SeriesPoint> {
    let steps = usize::try_from((shown_end - span.start + span.step - 1) / span.step)
        .unwrap_or(0)
        .max(1);
    let all_steps = span.steps().max(steps);
    let (joined, left) = (by_step(&f.joined, all_steps), by_step(&f.left, all_steps));
    let (posts, comments, reactions) = (
        by_step(&f.posts, all_steps),
        by_step(&f.comments, all_steps),
        by_step(&f.reactions, all_steps),
    );
    let mut members_at_end = vec![0i64; all_steps];
    let mut running = i64::from(members_at_close);
    for k in (0..all_steps).rev() {
        members_at_end[k] = running;
        running -= joined[k] - left[k];
    }
    (0..steps)
        .map(|k| SeriesPoint {
            day: (first + Days::new(k as u64 * (span.step / DAY) as u64))
                .format("%Y-%m-%d")
                .to_string(),
            members: count(members_at_end[k]),
            joined: count(joined[k]),
            left: count(left[k]),
            posts: count(posts[k]),
            comments: count(comments[k]),
            reactions: count(reactions[k]),
        })
        .collect()
}

/// Activity by weekday (7 slots) and by hour (24 slots).
fn busy_hours(busy: &[(i64, i64, i64)]) -> (Vec<u32>, Vec<u32>) {
    let mut by_weekday = vec![0u32; 7];
    let mut by_hour = vec![0u32; 24];
    for (weekday, hour, n) in busy {
        if let Some(slot) = usize::try_from(*weekday).ok().and_then(|d| by_weekday.get_mut(d)) {
            *slot += count(*n);
        }
        if let Some(slot) = usize::try_from(*hour).ok().and_then(|h| by_hour.get_mut(h)) {
            *slot += count(*n);
        }
    }
    (by_weekday, by_hour)
}

fn top_posts(f: &Fetched) -> Vec<TopPost> {
    let group_names: HashMap<i64, &str> = f.groups.iter().map(|g| (g.id, g.name.as_str())).collect();
    f.top
        .iter()
        .map(|(id, group, body, reactions, comments)| TopPost {
            id: *id,
            group: group_names.get(group).copied().unwrap_or("").to_owned(),
            excerpt: body.chars().take(120).collect(),
            reactions: count(*reactions),
            comments: count(*comments),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, parent_id: Option<i64>, name: &str) -> TreeUnit {
        TreeUnit {
            id,
            parent_id,
            name: name.into(),
        }
    }

    fn group(id: i64, unit_id: i64, name: &str) -> ScopeGroup {
        ScopeGroup {
            id,
            unit_id,
            name: name.into(),
        }
    }

    /// A province (1) with two communes (10, 20); commune 10 has a branch (11). Groups: one in
    /// the branch, one in commune 20, one attached to the province itself.
    fn province() -> Fetched {
        let members = |total| MemberCounts {
            total,
            ..MemberCounts::default()
        };
        Fetched {
            tree: vec![
                unit(1, None, "Tỉnh"),
                unit(10, Some(1), "Xã B"),
                unit(11, Some(10), "Chi hội"),
                unit(20, Some(1), "Xã A"),
            ],
            groups: vec![
                group(100, 11, "Nhóm chi hội"),
                group(200, 20, "Nhóm xã A"),
                group(300, 1, "Nhóm tỉnh"),
            ],
            members: HashMap::from([(100, members(5)), (200, members(7)), (300, members(2))]),
            former: HashMap::from([(200, 1)]),
            posts: vec![(100, 0, 3), (100, 1, 1), (200, 1, 4)],
            joined: vec![(100, 0, 2), (200, 1, 3)],
            left: vec![(200, 1, 1)],
            applications: vec![
                (11, "received".into(), 2),
                (20, "received".into(), 1),
                (20, "admitted".into(), 1),
            ],
            ..Fetched::default()
        }
    }

    #[test]
    fn each_group_counts_in_the_row_of_the_child_unit_it_lies_under() {
        let (total, children, by_status) = table(&province(), Some(1));
        let rows: Vec<(&str, u32, u32, u32, u32)> = children
            .iter()
            .map(|c| (c.key.as_str(), c.groups, c.members.total, c.posts, c.applications))
            .collect();
        // Sorted by name. The branch's group counts under commune B, former members count, and
        // the group attached to the province itself has a row of its own.
        assert_eq!(
            rows,
            [
                ("group:300", 1, 2, 0, 0),
                ("unit:20", 1, 8, 4, 2),
                ("unit:10", 1, 5, 4, 2)
            ]
        );
        assert_eq!((total.groups, total.members.total, total.posts), (3, 15, 8));
        assert_eq!((total.members.joined, total.members.left), (5, 1));
        assert_eq!(by_status.get("received"), Some(&3));
        assert_eq!(by_status.get("admitted"), Some(&1));
    }

    #[test]
    fn a_group_report_has_no_rows_of_children() {
        let mut fetched = province();
        fetched.groups.truncate(1);
        let (total, children, _) = table(&fetched, None);
        assert!(children.is_empty());
        assert_eq!((total.groups, total.members.total, total.posts), (1, 5, 4));
    }

    #[test]
    fn the_series_counts_members_back_from_the_close_and_stops_at_today() {
        let first = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
        let span = Span {
            start: vietnam_midnight(first),
            end: vietnam_midnight(first + Days::new(3)),
            step: DAY,
        };
        // Today is the second day: the third is not drawn.
        let series = series(&province(), first, span, span.start + DAY + 10, 15);
        let points: Vec<(&str, u32, u32, u32, u32)> = series
            .iter()
            .map(|p| (p.day.as_str(), p.members, p.joined, p.left, p.posts))
            .collect();
        assert_eq!(points, [("2026-11-01", 13, 2, 0, 3), ("2026-11-02", 15, 3, 1, 5)]);
    }

    #[test]
    fn busy_hours_ignore_slots_out_of_range() {
        let (weekdays, hours) = busy_hours(&[(0, 8, 2), (6, 23, 1), (7, 24, 5), (-1, -1, 5)]);
        assert_eq!(
            (weekdays[0], weekdays[6], weekdays.iter().sum::<u32>()),
            (2, 1, 3)
        );
        assert_eq!((hours[8], hours[23], hours.iter().sum::<u32>()), (2, 1, 3));
    }
}
