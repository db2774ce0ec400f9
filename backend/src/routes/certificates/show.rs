//! `GET /api/certificates/{id}`.

use actix_web::{HttpRequest, web};
use hocdvc_api::CertificateView;

use crate::db::Db;
use crate::error::AppResult;
use crate::models;
use crate::routes::certificates::PublicUrl;
use crate::routes::extract::CurrentUser;
use crate::services::certificates;

/// One certificate, for the printable page: its owner, or staff allowed to see the learners of
/// a unit the owner belongs to.
#[utoipa::path(
    get,
    path = "/api/certificates/{id}",
    tag = "certificates",
    params(("id" = i32, Path, description = "Số của giấy chứng nhận")),
    responses(
        (status = 200, description = "Giấy chứng nhận", body = CertificateView),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody),
        (status = 403, description = "Không có quyền xem giấy chứng nhận của học viên này", body = hocdvc_api::ErrorBody),
        (status = 404, description = "Không có giấy chứng nhận này", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    req: HttpRequest,
    current: CurrentUser,
    db: web::Data<Db>,
    public_url: web::Data<PublicUrl>,
    id: web::Path<i32>,
) -> AppResult<web::Json<CertificateView>> {
    let principal = current.0;
    let base = public_url.base(&req);
    let id = id.into_inner();
    let view = db
        .run(move |conn| {
            let row = certificates::find_for(conn, &principal, id)?;
            Ok::<_, crate::error::AppError>(certificates::view(&row, &base, models::now()))
        })
        .await?;
    Ok(web::Json(view))
}
