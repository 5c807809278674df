//! "Việc hôm nay" for a board member or a Hội cadre: what waits for her across all her groups
//! and units, oldest first. Empty for everyone else.

use axum::extract::State;
use hoi_api::todo::TodoItem;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    auth::CurrentUser,
    db::todo,
    error::{ApiJson, AppResult},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(my_todo))
}

#[utoipa::path(get, path = "/api/me/todo", tag = "moderation", responses((status = 200, body = Vec<TodoItem>)))]
async fn my_todo(State(state): State<AppState>, user: CurrentUser) -> AppResult<ApiJson<Vec<TodoItem>>> {
    Ok(ApiJson(todo::for_user(&state.db, user.id).await?))
}
