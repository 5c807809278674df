//! Applications to join the Hội: stored with their consents, routed to a unit, moved along the
//! pipeline, corrected. Consents, erasure and the access log are in `privacy`.

use hoi_api::{
    hoi::{
        ApplicationStatus, ApplicationStep, ApplicationSummary, ApplicationView, ConsentPurpose, ConsentView,
        SourceGroup, UnitApplicationCounts, ValidApplication,
    },
    units::{UnitLevel, UnitRef},
    Phone,
};
use sqlx::{any::AnyRow, Row};

use super::{
    flag, now, privacy, to_datetime,
    units::{unit_ref_from, CENTRAL_ID, UNIT_REF_COLUMNS},
    Db,
};

/// Where an application goes: the unit that processes it and the units above it.
#[derive(Debug, Clone, Copy)]
pub struct Routing {
    pub unit_id: i64,
    pub commune_id: i64,
    pub branch_id: Option<i64>,
    pub province_id: i64,
}

/// A cadre sees an application when she administers its unit, its commune, its province or the
/// centre. Binds the cadre's id as `$1`.
pub fn in_scope(alias: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM unit_admins ua WHERE ua.user_id = $1 AND ua.unit_id IN \
         ({alias}.unit_id, {alias}.commune_id, {alias}.province_id, {CENTRAL_ID}))"
    )
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds what she answered and where it goes as `$1`…`$12`, in the column order both the insert
/// and her correction use: full_name, birth_date, phone, unit_id, commune_id, branch_id,
/// province_id, occupation, education, wish, ethnicity, religion.
fn bind_answers<'q>(query: AnyQuery<'q>, form: &'q ValidApplication, routing: Routing) -> AnyQuery<'q> {
    query
        .bind(form.full_name.as_str())
        .bind(form.birth_date.format("%Y-%m-%d").to_string())
        .bind(form.phone.as_e164())
        .bind(routing.unit_id)
        .bind(routing.commune_id)
        .bind(routing.branch_id)
        .bind(routing.province_id)
        .bind(&form.occupation)
        .bind(&form.education)
        .bind(&form.wish)
        .bind(form.ethnicity.as_deref())
        .bind(form.religion.as_deref())
}

/// Stores a new application with its consents; `None` when her phone already has an open one
/// (the partial unique index decides, so two tabs at once cannot both get in).
pub async fn insert(
    db: &Db,
    form: &ValidApplication,
    routing: Routing,
    user_id: Option<i64>,
    source_group_id: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    let at = now();
    let mut tx = db.pool.begin().await?;
    let query = sqlx::query(
        "INSERT INTO hoi_applications (full_name, birth_date, phone, unit_id, commune_id, branch_id, \
         province_id, occupation, education, wish, ethnicity, religion, user_id, source_group_id, \
         status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) \
         ON CONFLICT DO NOTHING RETURNING id",
    );
    let row = bind_answers(query, form, routing)
        .bind(user_id)
        .bind(source_group_id)
        .bind(ApplicationStatus::New.as_str())
        .bind(at)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(id) = row.map(|row| row.try_get::<i64, _>("id")).transpose()? else {
        return Ok(None);
    };
    for purpose in &form.consents {
        privacy::grant_consent(&mut tx, id, *purpose, at).await?;
    }
    add_step(&mut tx, id, None, Some(ApplicationStatus::New), "", at).await?;
    tx.commit().await?;
    Ok(Some(id))
}

async fn add_step(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    application_id: i64,
    actor: Option<i64>,
    status: Option<ApplicationStatus>,
    note: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO hoi_application_steps (application_id, actor_id, status, note, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(application_id)
    .bind(actor)
    .bind(status.map(ApplicationStatus::as_str))
    .bind(note)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

const VIEW_SELECT: &str = "SELECT a.id, a.user_id, a.full_name, a.birth_date, a.phone, a.occupation, \
     a.education, a.wish, a.ethnicity, a.religion, a.status, a.decline_reason, a.applicant_unseen, \
     a.created_at, a.updated_at, a.source_group_id, g.name AS group_name, \
     c.id AS commune_id, c.name AS commune_name, cp.name AS province_name, \
     b.id AS branch_id, b.name AS branch_name \
     FROM hoi_applications a \
     JOIN units c ON c.id = a.commune_id \
     LEFT JOIN units cp ON cp.id = c.parent_id \
     LEFT JOIN units b ON b.id = a.branch_id \
     LEFT JOIN community_groups g ON g.id = a.source_group_id";

/// Which view of an application: the unit's (notes and names of cadres) or her own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Unit,
    Applicant,
}

/// An application whole: the row, its consents and its steps.
async fn view_from(db: &Db, row: &AnyRow, viewer: Viewer) -> Result<ApplicationView, sqlx::Error> {
    let mut view = row_view(row, viewer)?;
    view.consents = consents(db, view.id).await?;
    view.steps = steps(db, view.id, viewer).await?;
    Ok(view)
}

/// The application's own row, without its consents and steps.
fn row_view(row: &AnyRow, viewer: Viewer) -> Result<ApplicationView, sqlx::Error> {
    let id: i64 = row.try_get("id")?;
    let phone: String = row.try_get("phone")?;
    let status: String = row.try_get("status")?;
    let commune_name: String = row.try_get("commune_name")?;
    let branch = match row.try_get::<Option<i64>, _>("branch_id")? {
        Some(branch_id) => Some(UnitRef {
            id: branch_id,
            name: row.try_get("branch_name")?,
            level: UnitLevel::Branch,
            parent_name: Some(commune_name.clone()),
        }),
        None => None,
    };
    let source_group = match row.try_get::<Option<i64>, _>("source_group_id")? {
        Some(group_id) => Some(SourceGroup {
            id: group_id,
            name: row
                .try_get::<Option<String>, _>("group_name")?
                .unwrap_or_default(),
        }),
        None => None,
    };
    Ok(ApplicationView {
        id,
        full_name: row.try_get("full_name")?,
        birth_date: row.try_get("birth_date")?,
        phone: Phone::parse(&phone).map_err(|_| sqlx::Error::Decode("stored phone is not valid".into()))?,
        commune: UnitRef {
            id: row.try_get("commune_id")?,
            name: commune_name,
            level: UnitLevel::Commune,
            parent_name: row.try_get("province_name")?,
        },
        branch,
        occupation: row.try_get("occupation")?,
        education: row.try_get("education")?,
        wish: row.try_get("wish")?,
        ethnicity: row.try_get("ethnicity")?,
        religion: row.try_get("religion")?,
        source_group,
        status: ApplicationStatus::parse(&status).unwrap_or(ApplicationStatus::New),
        decline_reason: row.try_get("decline_reason")?,
        consents: Vec::new(),
        steps: Vec::new(),
        unseen: viewer == Viewer::Applicant && flag(row, "applicant_unseen")?,
        created_at: to_datetime(row.try_get("created_at")?),
        updated_at: to_datetime(row.try_get("updated_at")?),
    })
}

const CONSENT_COLUMNS: &str = "c.purpose, c.version, c.statement, c.granted_at, c.withdrawn_at";

/// A consent row (selected with [`CONSENT_COLUMNS`]); `None` for a purpose this build does not know.
fn consent_from(row: &AnyRow) -> Result<Option<ConsentView>, sqlx::Error> {
    let purpose: String = row.try_get("purpose")?;
    let Some(purpose) = ConsentPurpose::parse(&purpose) else {
        return Ok(None);
    };
    Ok(Some(ConsentView {
        purpose,
        version: row.try_get("version")?,
        statement: row.try_get("statement")?,
        granted_at: to_datetime(row.try_get("granted_at")?),
        withdrawn_at: row.try_get::<Option<i64>, _>("withdrawn_at")?.map(to_datetime),
    }))
}

async fn consents(db: &Db, application_id: i64) -> Result<Vec<ConsentView>, sqlx::Error> {
    let sql =
        format!("SELECT {CONSENT_COLUMNS} FROM hoi_consents c WHERE c.application_id = $1 ORDER BY c.id");
    let rows = sqlx::query(&sql).bind(application_id).fetch_all(&db.pool).await?;
    let mut consents = Vec::with_capacity(rows.len());
    for row in &rows {
        consents.extend(consent_from(row)?);
    }
    Ok(consents)
}

/// The pipeline's steps; her own view keeps the dates and statuses, not the unit's notes.
async fn steps(db: &Db, application_id: i64, viewer: Viewer) -> Result<Vec<ApplicationStep>, sqlx::Error> {
    let rows: Vec<(Option<String>, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT s.status, s.note, u.display_name, s.created_at FROM hoi_application_steps s \
         LEFT JOIN users u ON u.id = s.actor_id WHERE s.application_id = $1 ORDER BY s.id",
    )
    .bind(application_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(status, note, by, at)| {
            let status = status.as_deref().and_then(ApplicationStatus::parse);
            match viewer {
                Viewer::Unit => Some(ApplicationStep {
                    status,
                    note,
                    by,
                    at: to_datetime(at),
                }),
                Viewer::Applicant => status.map(|status| ApplicationStep {
                    status: Some(status),
                    note: String::new(),
                    by: None,
                    at: to_datetime(at),
                }),
            }
        })
        .collect())
}

pub async fn get(db: &Db, id: i64, viewer: Viewer) -> Result<Option<ApplicationView>, sqlx::Error> {
    let sql = format!("{VIEW_SELECT} WHERE a.id = $1");
    match sqlx::query(&sql).bind(id).fetch_optional(&db.pool).await? {
        Some(row) => Ok(Some(view_from(db, &row, viewer).await?)),
        None => Ok(None),
    }
}

/// Hers: made with her account (`$1`), or with her phone (`$2`) before she had one.
const HERS: &str = "(a.user_id = $1 OR (a.user_id IS NULL AND a.phone = $2))";

/// Her applications: made with her account, or with her phone before she had one.
pub async fn for_applicant(
    db: &Db,
    user_id: i64,
    phone: &Phone,
) -> Result<Vec<ApplicationView>, sqlx::Error> {
    let sql = format!("{VIEW_SELECT} WHERE {HERS} ORDER BY a.id DESC");
    let rows = sqlx::query(&sql)
        .bind(user_id)
        .bind(phone.as_e164())
        .fetch_all(&db.pool)
        .await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in &rows {
        views.push(view_from(db, row, Viewer::Applicant).await?);
    }
    Ok(views)
}

/// The ids of her applications (erasing her account needs no more).
pub async fn ids_for_applicant(db: &Db, user_id: i64, phone: &Phone) -> Result<Vec<i64>, sqlx::Error> {
    let sql = format!("SELECT a.id FROM hoi_applications a WHERE {HERS}");
    sqlx::query_scalar(&sql)
        .bind(user_id)
        .bind(phone.as_e164())
        .fetch_all(&db.pool)
        .await
}

/// Whether the application is hers (by account, or by phone before she had one).
pub async fn belongs_to(db: &Db, id: i64, user_id: i64, phone: &Phone) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM hoi_applications WHERE id = $1 AND (user_id = $2 OR (user_id IS NULL AND phone = $3))",
    )
    .bind(id)
    .bind(user_id)
    .bind(phone.as_e164())
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// Whether the cadre administers a unit the application is routed through.
pub async fn visible_to(db: &Db, cadre: i64, id: i64) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "SELECT a.id FROM hoi_applications a WHERE {} AND a.id = $2",
        in_scope("a")
    );
    let found: Option<i64> = sqlx::query_scalar(&sql)
        .bind(cadre)
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

/// Filters of the cadre's list, already parsed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    pub status: Option<ApplicationStatus>,
    pub unit: Option<i64>,
    pub before_id: Option<i64>,
}

/// The `WHERE` of a cadre's list and export, with its binds from `$2` on (`$1` is the cadre).
struct Scope {
    condition: String,
    binds: Vec<Bind>,
}

enum Bind {
    Text(&'static str),
    Number(i64),
}

impl Scope {
    fn of(filter: Filter) -> Scope {
        let mut condition = in_scope("a");
        let mut binds = Vec::new();
        if let Some(status) = filter.status {
            binds.push(Bind::Text(status.as_str()));
            condition.push_str(&format!(" AND a.status = ${}", binds.len() + 1));
        }
        if let Some(unit) = filter.unit.filter(|u| *u != CENTRAL_ID) {
            binds.push(Bind::Number(unit));
            let n = binds.len() + 1;
            condition.push_str(&format!(
                " AND (a.unit_id = ${n} OR a.commune_id = ${n} OR a.province_id = ${n})"
            ));
        }
        if let Some(before) = filter.before_id {
            binds.push(Bind::Number(before));
            condition.push_str(&format!(" AND a.id < ${}", binds.len() + 1));
        }
        Scope { condition, binds }
    }

    /// `sql` (which uses [`Scope::condition`]) with the cadre and the filter bound.
    fn query<'q>(&self, sql: &'q str, cadre: i64) -> AnyQuery<'q> {
        self.binds
            .iter()
            .fold(sqlx::query(sql).bind(cadre), |query, bind| match bind {
                Bind::Text(text) => query.bind(*text),
                Bind::Number(number) => query.bind(*number),
            })
    }
}

/// A page of the applications a cadre may see, newest first.
pub async fn list(
    db: &Db,
    cadre: i64,
    filter: Filter,
    limit: i64,
) -> Result<Vec<ApplicationSummary>, sqlx::Error> {
    let scope = Scope::of(filter);
    let sql = format!(
        "SELECT a.id, a.full_name, a.phone, a.status, a.created_at, a.updated_at, {UNIT_REF_COLUMNS} \
         FROM hoi_applications a JOIN units u ON u.id = a.unit_id LEFT JOIN units p ON p.id = u.parent_id \
         WHERE {} ORDER BY a.id DESC LIMIT {limit}",
        scope.condition
    );
    let rows = scope.query(&sql, cadre).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|row| {
            let phone: String = row.try_get("phone")?;
            let status: String = row.try_get("status")?;
            Ok(ApplicationSummary {
                id: row.try_get("id")?,
                full_name: row.try_get("full_name")?,
                phone_masked: Phone::parse(&phone).map(|p| p.masked()).unwrap_or_default(),
                unit: unit_ref_from(row)?
                    .ok_or_else(|| sqlx::Error::Decode("application without unit".into()))?,
                status: ApplicationStatus::parse(&status).unwrap_or(ApplicationStatus::New),
                created_at: to_datetime(row.try_get("created_at")?),
                updated_at: to_datetime(row.try_get("updated_at")?),
            })
        })
        .collect()
}

/// Every application a cadre may see under the filter, for the export: three queries whatever
/// the count (applications, then all their consents at once). Steps are left out: the sheet has
/// no column for them.
pub async fn export(db: &Db, cadre: i64, filter: Filter) -> Result<Vec<ApplicationView>, sqlx::Error> {
    let scope = Scope::of(Filter {
        before_id: None,
        ..filter
    });
    let sql = format!("{VIEW_SELECT} WHERE {} ORDER BY a.id", scope.condition);
    let rows = scope.query(&sql, cadre).fetch_all(&db.pool).await?;
    let mut views = rows
        .iter()
        .map(|row| row_view(row, Viewer::Unit))
        .collect::<Result<Vec<_>, _>>()?;
    let consents_sql = format!(
        "SELECT c.application_id, {CONSENT_COLUMNS} FROM hoi_consents c \
         WHERE c.application_id IN (SELECT a.id FROM hoi_applications a WHERE {}) ORDER BY c.id",
        scope.condition
    );
    let position: std::collections::HashMap<i64, usize> = views
        .iter()
        .enumerate()
        .map(|(index, view)| (view.id, index))
        .collect();
    for row in scope.query(&consents_sql, cadre).fetch_all(&db.pool).await? {
        let index = position.get(&row.try_get::<i64, _>("application_id")?).copied();
        if let (Some(consent), Some(index)) = (consent_from(&row)?, index) {
            views[index].consents.push(consent);
        }
    }
    Ok(views)
}

/// Applications by status for each unit a cadre may see, busiest first.
pub async fn counts(db: &Db, cadre: i64) -> Result<Vec<UnitApplicationCounts>, sqlx::Error> {
    let sql = format!(
        "SELECT {UNIT_REF_COLUMNS}, a.status, COUNT(*) AS n FROM hoi_applications a \
         JOIN units u ON u.id = a.unit_id LEFT JOIN units p ON p.id = u.parent_id \
         WHERE {} GROUP BY u.id, u.name, u.level, p.name, a.status",
        in_scope("a")
    );
    let rows = sqlx::query(&sql).bind(cadre).fetch_all(&db.pool).await?;
    let mut table: Vec<UnitApplicationCounts> = Vec::new();
    for row in &rows {
        let Some(unit) = unit_ref_from(row)? else { continue };
        let status: String = row.try_get("status")?;
        let n: i64 = row.try_get("n")?;
        let index = match table.iter().position(|c| c.unit.id == unit.id) {
            Some(index) => index,
            None => {
                table.push(UnitApplicationCounts {
                    unit,
                    new: 0,
                    contacted: 0,
                    admitted: 0,
                    declined: 0,
                });
                table.len() - 1
            }
        };
        let counts = &mut table[index];
        match ApplicationStatus::parse(&status) {
            Some(ApplicationStatus::New) => counts.new += n,
            Some(ApplicationStatus::Contacted) => counts.contacted += n,
            Some(ApplicationStatus::Admitted) => counts.admitted += n,
            Some(ApplicationStatus::Declined) => counts.declined += n,
            None => {}
        }
    }
    table.sort_by(|a, b| {
        let total = |c: &UnitApplicationCounts| c.new + c.contacted + c.admitted + c.declined;
        total(b)
            .cmp(&total(a))
            .then_with(|| a.unit.name.cmp(&b.unit.name))
    });
    Ok(table)
}

/// Moves an application on (or notes something), with who and when. `false` when its status
/// changed meanwhile and the move is no longer allowed.
pub async fn progress(
    db: &Db,
    id: i64,
    actor: i64,
    from: ApplicationStatus,
    to: Option<ApplicationStatus>,
    note: &str,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let mut tx = db.pool.begin().await?;
    if let Some(to) = to {
        let decided = (!to.is_open()).then_some(at);
        let reason = (to == ApplicationStatus::Declined).then(|| reason.trim().to_owned());
        // The status in the WHERE makes two cadres deciding at once a conflict, not a double move.
        let moved = sqlx::query(
            "UPDATE hoi_applications SET status = $1, decline_reason = $2, decided_at = $3, \
             updated_at = $4, applicant_unseen = $5 WHERE id = $6 AND status = $7",
        )
        .bind(to.as_str())
        .bind(reason)
        .bind(decided)
        .bind(at)
        .bind(true)
        .bind(id)
        .bind(from.as_str())
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() == 0 {
            return Ok(false);
        }
    } else {
        sqlx::query("UPDATE hoi_applications SET updated_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    add_step(&mut tx, id, Some(actor), to, note.trim(), at).await?;
    tx.commit().await?;
    Ok(true)
}

/// Her account, or the account registered with her phone, becomes a Hội member; her home
/// commune is filled in when her profile had none. Returns the account, if there is one.
pub async fn mark_member(db: &Db, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(Option<i64>, String, i64)> =
        sqlx::query_as("SELECT user_id, phone, unit_id FROM hoi_applications WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    let Some((user_id, phone, unit_id)) = row else {
        return Ok(None);
    };
    let user_id = match user_id {
        Some(user_id) => Some(user_id),
        None => {
            sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
                .bind(&phone)
                .fetch_optional(&db.pool)
                .await?
        }
    };
    if let Some(user_id) = user_id {
        sqlx::query(
            "UPDATE users SET hoi_member = $1, home_unit_id = COALESCE(home_unit_id, $2) WHERE id = $3",
        )
        .bind(true)
        .bind(unit_id)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    }
    Ok(user_id)
}

/// Ties applications made with her phone before she registered to her new account; an admitted
/// one makes her a Hội member at once.
pub async fn link_account(db: &Db, user_id: i64, phone: &Phone) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE hoi_applications SET user_id = $1 WHERE user_id IS NULL AND phone = $2")
        .bind(user_id)
        .bind(phone.as_e164())
        .execute(&db.pool)
        .await?;
    let admitted: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM hoi_applications WHERE user_id = $1 AND status = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(ApplicationStatus::Admitted.as_str())
    .fetch_optional(&db.pool)
    .await?;
    if let Some(id) = admitted {
        mark_member(db, id).await?;
    }
    Ok(())
}

/// Whether the open application of this phone is hers: in her account, or sent signed out with
/// the phone, which is her verified number.
pub async fn open_is_hers(db: &Db, phone: &Phone, user_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM hoi_applications WHERE phone = $1 AND status IN ($2, $3) \
         AND (user_id = $4 OR user_id IS NULL)",
    )
    .bind(phone.as_e164())
    .bind(ApplicationStatus::New.as_str())
    .bind(ApplicationStatus::Contacted.as_str())
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// She has read her applications' news.
pub async fn mark_seen(db: &Db, user_id: i64, phone: &Phone) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE hoi_applications SET applicant_unseen = $1 \
         WHERE user_id = $2 OR (user_id IS NULL AND phone = $3)",
    )
    .bind(false)
    .bind(user_id)
    .bind(phone.as_e164())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Her correction of an open application: new answers, routing and consents. A consent she no
/// longer gives is withdrawn (and, for sensitive data, the data goes with it); a new one is granted.
pub async fn correct(
    db: &Db,
    id: i64,
    form: &ValidApplication,
    routing: Routing,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let mut tx = db.pool.begin().await?;
    let query = sqlx::query(
        "UPDATE hoi_applications SET full_name = $1, birth_date = $2, phone = $3, unit_id = $4, \
         commune_id = $5, branch_id = $6, province_id = $7, occupation = $8, education = $9, wish = $10, \
         ethnicity = $11, religion = $12, updated_at = $13 WHERE id = $14 AND status IN ($15, $16)",
    );
    let updated = bind_answers(query, form, routing)
        .bind(at)
        .bind(id)
        .bind(ApplicationStatus::New.as_str())
        .bind(ApplicationStatus::Contacted.as_str())
        .execute(&mut *tx)
        .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    let active: Vec<String> = sqlx::query_scalar(
        "SELECT purpose FROM hoi_consents WHERE application_id = $1 AND withdrawn_at IS NULL",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    for purpose in ConsentPurpose::ALL {
        let given = form.consents.contains(purpose);
        let in_force = active.iter().any(|p| p == purpose.as_str());
        if given && !in_force {
            privacy::grant_consent(&mut tx, id, *purpose, at).await?;
        } else if !given && in_force {
            privacy::withdraw_in(&mut tx, id, *purpose, at).await?;
        }
    }
    add_step(&mut tx, id, None, None, "Người nộp đơn đã sửa thông tin.", at).await?;
    tx.commit().await?;
    Ok(true)
}
