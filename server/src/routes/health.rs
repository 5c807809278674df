//! Liveness and readiness in one: answers 200 only when the database answers.

use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    error::{ApiJson, AppResult},
    state::AppState,
};

#[derive(Serialize, ToSchema)]
pub struct Health {
    status: &'static str,
    database: &'static str,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

#[utoipa::path(get, path = "/api/health", tag = "health", responses((status = 200, body = Health)))]
async fn health(State(state): State<AppState>) -> AppResult<ApiJson<Health>> {
    sqlx::query("SELECT 1").execute(&state.db.pool).await?;
    let database = match state.db.backend {
        crate::db::Backend::Sqlite => "sqlite",
        crate::db::Backend::Postgres => "postgres",
    };
    Ok(ApiJson(Health {
        status: "ok",
        database,
    }))
}
