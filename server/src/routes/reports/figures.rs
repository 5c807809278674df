//! Puts a report together from the aggregate queries of `db::reports`: they count per group
//! (and per step of the series), this adds the rows up per child unit and for the whole scope.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use hoi_api::report::{
    ActivityFigures, ChildFigures, MemberFigures, ProgrammeFigures, Report, SeriesPoint, StatusCount, TopPost,
};

use super::Scope;
use crate::db::{
    now,
    reports::{self as q, ApplicationFilter, ScopeGroup, Span, Steps, Wait, VIETNAM_OFFSET},
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

pub async fn report(
    db: &Db,
    scope: &Scope,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Report, sqlx::Error> {
    let start = vietnam_midnight(first);
    let end = vietnam_midnight(last + Days::new(1));
    let long = (last - first).num_days() + 1 > DAILY_UP_TO_DAYS;
    let span = Span {
        start,
        end,
        step: if long { 7 * DAY } else { DAY },
    };
    let (groups, tree, scope_unit) = match scope {
        Scope::Group(group) => (vec![group.clone()], Vec::new(), None),
        Scope::Unit { id, .. } => (
            q::groups_under(db, *id).await?,
            q::subtree(db, *id).await?,
            Some(*id),
        ),
    };
    let ids = q::id_list(groups.iter().map(|g| g.id));
    let unit_ids = q::id_list(tree.iter().map(|u| u.id));
    let applications_filter = match scope {
        Scope::Group(group) => ApplicationFilter::Group(group.id),
        Scope::Unit { .. } => ApplicationFilter::Communes(unit_ids.clone()),
    };
    // The queries are independent: on SQLite's pool of readers and on PostgreSQL they run side by side.
    let (members, former, joined, left, posts, comments, reactions, active, busy) = tokio::try_join!(
        q::members(db, &ids, end),
        q::former_members(db, &ids, end),
        q::joined(db, &ids, span),
        q::left(db, &ids, span),
        q::posts(db, &ids, span),
        q::comments(db, &ids, span),
        q::reactions(db, &ids, span),
        q::active_members(db, &ids, span),
        q::busy_hours(db, &ids, span),
    )?;
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

    let joined_by_group = by_group(&joined);
    let left_by_group = by_group(&left);
    let posts_by_group = by_group(&posts);
    let comments_by_group = by_group(&comments);
    let reactions_by_group = by_group(&reactions);
    let group_members = |group: i64| {
        let now = members.get(&group).copied().unwrap_or_default();
        MemberFigures {
            total: count(now.total + former.get(&group).copied().unwrap_or(0)),
            joined: count(joined_by_group.get(&group).copied().unwrap_or(0)),
            left: count(left_by_group.get(&group).copied().unwrap_or(0)),
            not_hoi: count(now.not_hoi),
            outside: count(now.outside),
            overseas: count(now.overseas),
        }
    };
    let get = |map: &HashMap<i64, i64>, group: i64| count(map.get(&group).copied().unwrap_or(0));

    // One row per child unit (or per group attached to the scope's unit itself).
    let parents: HashMap<i64, Option<i64>> = tree.iter().map(|u| (u.id, u.parent_id)).collect();
    let unit_names: HashMap<i64, &str> = tree.iter().map(|u| (u.id, u.name.as_str())).collect();
    let row_of = |group: &ScopeGroup| match scope_unit.and_then(|s| child_under(group.unit_id, s, &parents)) {
        Some(child) => (
            format!("unit:{child}"),
            unit_names.get(&child).copied().unwrap_or("").to_owned(),
        ),
        None => (format!("group:{}", group.id), group.name.clone()),
    };
    let mut rows: BTreeMap<String, ChildFigures> = BTreeMap::new();
    let mut total = ChildFigures::default();
    for group in &groups {
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
            row.active_members += get(&active, group.id);
        };
        add(&mut total);
        if scope_unit.is_some() {
            let (key, name) = row_of(group);
            add(rows.entry(key.clone()).or_insert_with(|| ChildFigures {
                key,
                name,
                ..ChildFigures::default()
            }));
        }
    }
    let mut by_status: BTreeMap<String, u32> = BTreeMap::new();
    for (commune, status, n) in &applications {
        *by_status.entry(status.clone()).or_insert(0) += count(*n);
        if let Some(child) = scope_unit.and_then(|s| child_under(*commune, s, &parents)) {
            let key = format!("unit:{child}");
            let row = rows.entry(key.clone()).or_insert_with(|| ChildFigures {
                key,
                name: unit_names.get(&child).copied().unwrap_or("").to_owned(),
                ..ChildFigures::default()
            });
            row.applications += count(*n);
        }
    }
    let mut children: Vec<ChildFigures> = rows.into_values().collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));

    // The series: what happened per step, and members at the end of each step counted back from
    // the end of the period.
    let now = now();
    let shown_end = end.min(now.max(start + 1));
    let steps = usize::try_from((shown_end - start + span.step - 1) / span.step)
        .unwrap_or(0)
        .max(1);
    let all_steps = span.steps().max(steps);
    let (joined_s, left_s) = (by_step(&joined, all_steps), by_step(&left, all_steps));
    let (posts_s, comments_s, reactions_s) = (
        by_step(&posts, all_steps),
        by_step(&comments, all_steps),
        by_step(&reactions, all_steps),
    );
    let mut members_at_end = vec![0i64; all_steps];
    let mut running = i64::from(total.members.total);
    for k in (0..all_steps).rev() {
        members_at_end[k] = running;
        running -= joined_s[k] - left_s[k];
    }
    let series = (0..steps)
        .map(|k| SeriesPoint {
            day: (first + Days::new(k as u64 * (span.step / DAY) as u64))
                .format("%Y-%m-%d")
                .to_string(),
            members: count(members_at_end[k]),
            joined: count(joined_s[k]),
            left: count(left_s[k]),
            posts: count(posts_s[k]),
            comments: count(comments_s[k]),
            reactions: count(reactions_s[k]),
        })
        .collect();

    let mut by_weekday = vec![0u32; 7];
    let mut by_hour = vec![0u32; 24];
    for (weekday, hour, n) in &busy {
        if let Some(slot) = usize::try_from(*weekday).ok().and_then(|d| by_weekday.get_mut(d)) {
            *slot += count(*n);
        }
        if let Some(slot) = usize::try_from(*hour).ok().and_then(|h| by_hour.get_mut(h)) {
            *slot += count(*n);
        }
    }
    let group_names: HashMap<i64, &str> = groups.iter().map(|g| (g.id, g.name.as_str())).collect();
    let top_posts = top
        .into_iter()
        .map(|(id, group, body, reactions, comments)| TopPost {
            id,
            group: group_names.get(&group).copied().unwrap_or("").to_owned(),
            excerpt: body.chars().take(120).collect(),
            reactions: count(reactions),
            comments: count(comments),
        })
        .collect();
    let seconds = |wait: Option<i64>| wait.map(count);
    Ok(Report {
        scope: scope.result_scope(),
        from: first.format("%Y-%m-%d").to_string(),
        to: last.format("%Y-%m-%d").to_string(),
        days: count((shown_end - start + DAY - 1) / DAY).max(1),
        groups: total.groups,
        members: total.members,
        activity: ActivityFigures {
            posts: total.posts,
            comments: total.comments,
            reactions: total.reactions,
            active_members: total.active_members,
            by_weekday,
            by_hour,
            median_member_approval: seconds(member_wait),
            median_post_approval: seconds(post_wait),
            median_answer: seconds(answer_wait),
        },
        programmes: ProgrammeFigures {
            photo_contests: count(photo_contests.0),
            photo_contest_entries: count(photo_contests.1),
            photo_contest_votes: count(photo_contests.2),
            quizzes: count(quizzes.0),
            quiz_entrants: count(quizzes.1),
            quiz_attempts: count(quizzes.2),
            quiz_submitted: count(quizzes.3),
            surveys: count(surveys.0),
            survey_responses: count(surveys.1),
        },
        applications: by_status
            .into_iter()
            .map(|(status, count)| StatusCount { status, count })
            .collect(),
        step_days: count(span.step / DAY),
        series,
        top_posts,
        children,
    })
}
