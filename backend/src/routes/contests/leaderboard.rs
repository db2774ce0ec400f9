//! `GET /api/contests/{contest_id}/leaderboard?round=…&group=…&unit=…`.

use actix_web::web;
use hocdvc_api::Leaderboard;
use serde::Deserialize;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::contests::{self, BoardQuery};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct LeaderboardQuery {
    /// Mã vòng thi; mặc định vòng mới nhất (thí sinh: vòng mới nhất đã công bố)
    #[serde(default)]
    pub round: Option<i32>,
    /// Bảng thi: thcs, thpt, dai_hoc, nghe, gdtx; mặc định mọi bảng
    #[serde(default)]
    pub group: Option<String>,
    /// Mã đơn vị (trường, xã, tỉnh): chỉ xếp hạng thí sinh của đơn vị này
    #[serde(default)]
    pub unit: Option<String>,
}

/// The ranking of a round by the Vietnamese rules (score, then the prediction's closeness, then
/// the duration, then the submission time), per group and optionally per unit. Organisers see
/// it live; entrants only after publication.
#[utoipa::path(
    get,
    path = "/api/contests/{contest_id}/leaderboard",
    tag = "contests",
    params(("contest_id" = i32, Path, description = "Mã cuộc thi"), LeaderboardQuery),
    responses(
        (status = 200, description = "Bảng xếp hạng", body = Leaderboard),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Kết quả chưa được công bố", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có cuộc thi hoặc vòng thi này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Bảng hoặc đơn vị không có", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn leaderboard(
    current: CurrentUser,
    db: web::Data<Db>,
    contest_id: web::Path<i32>,
    query: web::Query<LeaderboardQuery>,
) -> AppResult<web::Json<Leaderboard>> {
    let principal = current.0;
    let contest_id = contest_id.into_inner();
    let query = query.into_inner();
    let board = db
        .run(move |conn| {
            contests::leaderboard(
                conn,
                &principal,
                contest_id,
                BoardQuery {
                    round: query.round,
                    group: query.group,
                    unit: query.unit,
                },
            )
        })
        .await?;
    Ok(web::Json(board))
}
