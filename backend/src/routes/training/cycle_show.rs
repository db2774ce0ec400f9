//! `GET /api/training/cycles/{unit_code}/{year}`.

use actix_web::web;
use hocdvc_api::TrainingCycleView;

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::training;

/// The training cycle opened on this unit for the year (`null` when none is open).
#[utoipa::path(
    get,
    path = "/api/training/cycles/{unit_code}/{year}",
    tag = "training",
    params(
        ("unit_code" = String, Path, description = "Mã đơn vị, ví dụ AG-VPUB"),
        ("year" = i32, Path, description = "Năm của chu kỳ, ví dụ 2026")
    ),
    responses(
        (status = 200, description = "Chu kỳ đào tạo, hoặc null", body = Option<TrainingCycleView>),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền quản lý đào tạo", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có đơn vị này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<(String, i32)>,
) -> AppResult<web::Json<Option<TrainingCycleView>>> {
    let principal = current.0;
    let (code, year) = path.into_inner();
    let cycle = db
        .run(move |conn| training::cycle(conn, &principal, &code, year))
        .await?;
    Ok(web::Json(cycle))
}
