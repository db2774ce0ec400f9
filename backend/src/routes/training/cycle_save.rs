//! `PUT /api/training/cycles/{unit_code}/{year}`.

use actix_web::web;
use hocdvc_api::{OpenCycleRequest, TrainingCycleView};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::training;

/// Opens the unit's training cycle for the year (its subtree's members follow it), or changes
/// its due date and the modules it asks of each job group.
#[utoipa::path(
    put,
    path = "/api/training/cycles/{unit_code}/{year}",
    tag = "training",
    params(
        ("unit_code" = String, Path, description = "Mã đơn vị, ví dụ AG-VPUB"),
        ("year" = i32, Path, description = "Năm của chu kỳ, ví dụ 2026"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    request_body = OpenCycleRequest,
    responses(
        (status = 200, description = "Chu kỳ đã mở hoặc đã cập nhật", body = TrainingCycleView),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền quản lý đào tạo", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có đơn vị này", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Hạn, năm hoặc học phần không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn save(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<(String, i32)>,
    body: web::Json<OpenCycleRequest>,
) -> AppResult<web::Json<TrainingCycleView>> {
    let principal = current.0;
    let (code, year) = path.into_inner();
    let request = body.into_inner();
    let cycle = db
        .run(move |conn| training::save_cycle(conn, &principal, &code, year, &request))
        .await?;
    Ok(web::Json(cycle))
}
