//! "Vào Hội": the application form (anyone), her own applications and rights over them, and the
//! unit's pipeline (cadres of the unit it was routed to and of the units above).

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use hoi_api::{
    hoi::{
        vietnam_today, ApplicationForm, ApplicationQuery, ApplicationReceipt, ApplicationStatus,
        ApplicationSummary, ApplicationView, ConsentPurpose, ProgressRequest, UnitApplicationCounts,
        ValidApplication, CONSENT_VERSION,
    },
    units::UnitLevel,
    ApiError, ErrorCode, Page, Phone,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::{ClientAddr, CurrentUser, MaybeUser},
    db::{
        groups,
        hoi::{self, Filter, Routing, Viewer},
        privacy, units, users,
    },
    error::{ApiJson, ApiPath, ApiQuery, AppError, AppResult},
    export::{headings, Cell, Table},
    limits::Action,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit, list))
        .routes(routes!(mine))
        .routes(routes!(mine_seen))
        .routes(routes!(counts))
        .routes(routes!(export_xlsx))
        .routes(routes!(get_one, correct, withdraw))
        .routes(routes!(progress))
        .routes(routes!(withdraw_consent))
}

const PAGE_SIZE: usize = 50;

/// Checks the form against the shared rules and the tree: the commune is a commune, the branch
/// belongs to it. Answers the routing: the branch if she chose one, else the commune.
async fn checked(state: &AppState, form: &ApplicationForm) -> AppResult<(ValidApplication, Routing)> {
    if form.consent_version != CONSENT_VERSION {
        return Err(AppError::conflict(ErrorCode::ConsentOutdated));
    }
    let today = vietnam_today(chrono::Utc::now());
    let (valid, mut errors) = match form.validate(today) {
        Ok(valid) => (Some(valid), hoi_api::error::FieldErrors::default()),
        Err(errors) => (None, errors),
    };
    let mut routing = None;
    if let Some(commune_id) = form.commune_id {
        let commune = units::get(&state.db, commune_id).await?;
        let province = units::parent(&state.db, commune_id).await?;
        match (commune, province) {
            (Some(commune), Some(province_id)) if commune.level == UnitLevel::Commune => {
                let branch_ok = match form.branch_id {
                    Some(branch) => units::parent(&state.db, branch).await? == Some(commune_id),
                    None => true,
                };
                if branch_ok {
                    routing = Some(Routing {
                        unit_id: form.branch_id.unwrap_or(commune_id),
                        commune_id,
                        branch_id: form.branch_id,
                        province_id,
                    });
                } else {
                    errors.add("branch_id", ErrorCode::UnknownUnit);
                }
            }
            _ => errors.add("commune_id", ErrorCode::UnknownUnit),
        }
    }
    match (valid, routing) {
        (Some(valid), Some(routing)) if errors.is_empty() => Ok((valid, routing)),
        _ => Err(errors.into()),
    }
}

/// Sends an application to the unit that covers her commune (or to the branch she chose).
/// Anyone may send one. Signed in, it is in her account. Signed out, it belongs to nobody until
/// the holder of the phone registers or signs in (a code sent to the number proves it is hers),
/// and the answer never tells whether that phone had applied already: a stranger learns nothing
/// and blocks nobody, and she follows her first application with her verified phone.
#[utoipa::path(post, path = "/api/hoi/applications", tag = "hoi", request_body = ApplicationForm,
    responses((status = 201, body = ApplicationReceipt), (status = 409, body = ApiError),
        (status = 422, body = ApiError), (status = 429, body = ApiError)))]
async fn submit(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    ClientAddr(address): ClientAddr,
    ApiJson(form): ApiJson<ApplicationForm>,
) -> AppResult<(StatusCode, ApiJson<ApplicationReceipt>)> {
    let account = user.as_ref().map(|u| u.id.to_string());
    state
        .limits
        .take(Action::Apply, &address, account.as_deref())
        .await?;
    let (valid, routing) = checked(&state, &form).await?;
    let source = match form.source_group_id {
        Some(group) => groups::texts(&state.db, group).await?.map(|_| group),
        None => None,
    };
    if let Some(user) = &user {
        // Her account's number is verified; another number would let her file for someone else.
        if my_phone(&state, user).await? != valid.phone {
            return Err(AppError::field("phone", ErrorCode::PhoneNotYours));
        }
    }
    let user_id = user.as_ref().map(|u| u.id);
    let inserted = hoi::insert(&state.db, &valid, routing, user_id, source).await?;
    let id = match (inserted, user_id) {
        (Some(id), Some(_)) => Some(id),
        (Some(_), None) => None,
        // Her own open application: she may be told, it is in her account.
        (None, Some(me)) if hoi::open_is_hers(&state.db, &valid.phone, me).await? => {
            return Err(AppError::FieldConflict(
                "phone".into(),
                ErrorCode::ApplicationOpen,
            ))
        }
        (None, _) => None,
    };
    let unit = units::get(&state.db, routing.unit_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((StatusCode::CREATED, ApiJson(ApplicationReceipt { id, unit })))
}

async fn my_phone(state: &AppState, user: &CurrentUser) -> AppResult<Phone> {
    Ok(users::me(&state.db, user.id)
        .await?
        .ok_or_else(AppError::unauthenticated)?
        .phone)
}

/// Her applications with their status and dates (not the unit's internal notes).
#[utoipa::path(get, path = "/api/hoi/applications/mine", tag = "hoi",
    responses((status = 200, body = Vec<ApplicationView>), (status = 401, body = ApiError)))]
async fn mine(State(state): State<AppState>, user: CurrentUser) -> AppResult<ApiJson<Vec<ApplicationView>>> {
    let phone = my_phone(&state, &user).await?;
    Ok(ApiJson(hoi::for_applicant(&state.db, user.id, &phone).await?))
}

/// She has seen the news of her applications.
#[utoipa::path(post, path = "/api/hoi/applications/mine/seen", tag = "hoi",
    responses((status = 204), (status = 401, body = ApiError)))]
async fn mine_seen(State(state): State<AppState>, user: CurrentUser) -> AppResult<StatusCode> {
    let phone = my_phone(&state, &user).await?;
    hoi::mark_seen(&state.db, user.id, &phone).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Hers, or 404 (never telling whether someone else's exists).
async fn own(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<Phone> {
    let phone = my_phone(state, user).await?;
    if hoi::belongs_to(&state.db, id, user.id, &phone).await? {
        Ok(phone)
    } else {
        Err(AppError::not_found())
    }
}

/// A cadre's own check: 404 when the application does not exist, 403 when it is outside her units.
async fn in_her_units(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<()> {
    if hoi::visible_to(&state.db, user.id, id).await? {
        return Ok(());
    }
    match hoi::get(&state.db, id, Viewer::Unit).await? {
        Some(_) => Err(AppError::forbidden()),
        None => Err(AppError::not_found()),
    }
}

/// One application whole, for a cadre of its units; every look is logged.
#[utoipa::path(get, path = "/api/hoi/applications/{id}", tag = "hoi", params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationView), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
async fn get_one(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<ApiJson<ApplicationView>> {
    in_her_units(&state, &user, id).await?;
    privacy::log_access(&state.db, user.id, &[id], "view").await?;
    hoi::get(&state.db, id, Viewer::Unit)
        .await?
        .map(ApiJson)
        .ok_or_else(AppError::not_found)
}

/// Her correction of an open application (answers, place, consents).
#[utoipa::path(put, path = "/api/hoi/applications/{id}", tag = "hoi", params(("id" = i64, Path)),
    request_body = ApplicationForm,
    responses((status = 200, body = ApplicationView), (status = 404, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn correct(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(form): ApiJson<ApplicationForm>,
) -> AppResult<ApiJson<ApplicationView>> {
    own(&state, &user, id).await?;
    let (valid, routing) = checked(&state, &form).await?;
    if !hoi::correct(&state.db, id, &valid, routing).await? {
        return Err(AppError::conflict(ErrorCode::ApplicationClosed));
    }
    hoi::get(&state.db, id, Viewer::Applicant)
        .await?
        .map(ApiJson)
        .ok_or_else(AppError::not_found)
}

/// She withdraws her application: it is erased, consents and history with it.
#[utoipa::path(delete, path = "/api/hoi/applications/{id}", tag = "hoi", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiError)))]
async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    own(&state, &user, id).await?;
    privacy::erase(&state.db, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// She withdraws one consent. Sensitive data is erased at once; withdrawing the consent to
/// process the application withdraws the application itself.
#[utoipa::path(delete, path = "/api/hoi/applications/{id}/consents/{purpose}", tag = "hoi",
    params(("id" = i64, Path), ("purpose" = String, Path)),
    responses((status = 204), (status = 404, body = ApiError)))]
async fn withdraw_consent(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath((id, purpose)): ApiPath<(i64, String)>,
) -> AppResult<StatusCode> {
    let purpose = ConsentPurpose::parse(&purpose).ok_or_else(AppError::not_found)?;
    own(&state, &user, id).await?;
    if purpose == ConsentPurpose::Application {
        privacy::erase(&state.db, id).await?;
    } else {
        privacy::withdraw_consent(&state.db, id, purpose).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn cadre_only(state: &AppState, user: &CurrentUser) -> AppResult<()> {
    if units::is_cadre(&state.db, user.id).await? {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}

fn filter_from(query: &ApplicationQuery) -> AppResult<Filter> {
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        Some(text) => Some(ApplicationStatus::parse(text).ok_or(AppError::Client(
            StatusCode::BAD_REQUEST,
            ErrorCode::UnknownChoice,
        ))?),
        None => None,
    };
    let before_id = match query.cursor.as_deref() {
        Some(cursor) => Some(
            cursor
                .parse()
                .map_err(|_| AppError::Client(StatusCode::BAD_REQUEST, ErrorCode::MalformedJson))?,
        ),
        None => None,
    };
    Ok(Filter {
        status,
        unit: query.unit,
        before_id,
    })
}

/// The applications of her units and the units under them, newest first; phones masked.
#[utoipa::path(get, path = "/api/hoi/applications", tag = "hoi", params(ApplicationQuery),
    responses((status = 200, body = Page<ApplicationSummary>), (status = 403, body = ApiError)))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<ApplicationQuery>,
) -> AppResult<ApiJson<Page<ApplicationSummary>>> {
    cadre_only(&state, &user).await?;
    let items = hoi::list(&state.db, user.id, filter_from(&query)?, PAGE_SIZE as i64 + 1).await?;
    Ok(ApiJson(super::keyset_page(items, PAGE_SIZE, |a| a.id)))
}

/// Applications by status for each unit she may see.
#[utoipa::path(get, path = "/api/hoi/applications/counts", tag = "hoi",
    responses((status = 200, body = Vec<UnitApplicationCounts>), (status = 403, body = ApiError)))]
async fn counts(
    State(state): State<AppState>,
    user: CurrentUser,
) -> AppResult<ApiJson<Vec<UnitApplicationCounts>>> {
    cadre_only(&state, &user).await?;
    Ok(ApiJson(hoi::counts(&state.db, user.id).await?))
}

/// Moves an application along the pipeline, or adds a note. She is told of a new status in the
/// app and by SMS; admitting her marks her account a Hội member.
#[utoipa::path(post, path = "/api/hoi/applications/{id}/progress", tag = "hoi", params(("id" = i64, Path)),
    request_body = ProgressRequest,
    responses((status = 200, body = ApplicationView), (status = 403, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
async fn progress(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ProgressRequest>,
) -> AppResult<ApiJson<ApplicationView>> {
    in_her_units(&state, &user, id).await?;
    request.validate()?;
    let current = hoi::get(&state.db, id, Viewer::Unit)
        .await?
        .ok_or_else(AppError::not_found)?;
    if let Some(next) = request.status {
        if !current.status.can_move_to(next) {
            return Err(AppError::conflict(ErrorCode::ApplicationClosed));
        }
    }
    let moved = hoi::progress(
        &state.db,
        id,
        user.id,
        current.status,
        request.status,
        &request.note,
        &request.reason,
    )
    .await?;
    if !moved {
        return Err(AppError::conflict(ErrorCode::Conflict));
    }
    if let Some(next) = request.status {
        if next == ApplicationStatus::Admitted {
            hoi::mark_member(&state.db, id).await?;
        }
        state.sms.send(
            &current.phone,
            &format!(
                "Hoi LHPN: don xin vao Hoi cua chi da chuyen sang \"{}\". Xem tai muc Vao Hoi.",
                hoi_api::text::fold_vietnamese(status_vi(next))
            ),
        );
    }
    hoi::get(&state.db, id, Viewer::Unit)
        .await?
        .map(ApiJson)
        .ok_or_else(AppError::not_found)
}

/// The status as the unit's spreadsheet and the SMS say it.
fn status_vi(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::New => "Mới",
        ApplicationStatus::Contacted => "Đã liên hệ",
        ApplicationStatus::Admitted => "Đã kết nạp",
        ApplicationStatus::Declined => "Không kết nạp",
    }
}

/// The filtered list as an XLSX workbook, for the unit's records. Sensitive fields are left out;
/// every application in it is logged as exported.
#[utoipa::path(get, path = "/api/hoi/applications/export.xlsx", tag = "hoi", params(ApplicationQuery),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 403, body = ApiError)))]
async fn export_xlsx(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<ApplicationQuery>,
) -> AppResult<Response> {
    cadre_only(&state, &user).await?;
    let all = hoi::export(&state.db, user.id, filter_from(&query)?).await?;
    let ids: Vec<i64> = all.iter().map(|a| a.id).collect();
    privacy::log_access(&state.db, user.id, &ids, "export").await?;
    let date = |at: chrono::DateTime<chrono::Utc>| vietnam_today(at).format("%d/%m/%Y").to_string();
    let table = Table {
        name: "Don vao Hoi".into(),
        headers: headings(&[
            "Số đơn",
            "Họ và tên",
            "Ngày sinh",
            "Số điện thoại",
            "Xã/phường",
            "Tỉnh/thành phố",
            "Chi hội",
            "Nghề nghiệp",
            "Trình độ học vấn",
            "Nguyện vọng",
            "Nhận tin hoạt động",
            "Nhóm giới thiệu",
            "Trạng thái",
            "Lý do không kết nạp",
            "Ngày nộp",
            "Ngày cập nhật",
        ]),
        rows: all
            .iter()
            .map(|a| {
                let birth = hoi_api::hoi::parse_date(&a.birth_date)
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_else(|| a.birth_date.clone());
                vec![
                    Cell::from(a.id),
                    a.full_name.as_str().into(),
                    birth.into(),
                    a.phone.local().into(),
                    a.commune.name.as_str().into(),
                    a.commune.parent_name.clone().unwrap_or_default().into(),
                    a.branch
                        .as_ref()
                        .map(|b| b.name.clone())
                        .unwrap_or_default()
                        .into(),
                    a.occupation.as_str().into(),
                    a.education.as_str().into(),
                    a.wish.as_str().into(),
                    if a.consented(ConsentPurpose::News) {
                        "Có"
                    } else {
                        "Không"
                    }
                    .into(),
                    a.source_group
                        .as_ref()
                        .map(|g| g.name.clone())
                        .unwrap_or_default()
                        .into(),
                    status_vi(a.status).into(),
                    a.decline_reason.clone().unwrap_or_default().into(),
                    date(a.created_at).into(),
                    date(a.updated_at).into(),
                ]
            })
            .collect(),
    };
    Ok(table.xlsx_response()?.into_response())
}
