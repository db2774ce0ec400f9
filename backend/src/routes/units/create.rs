//! `POST /api/units`.

use actix_web::{HttpResponse, web};
use hocdvc_api::{CreateUnitRequest, UnitView};

use crate::db::Db;
use crate::domain::{SchoolLevel, SchoolYear, UnitKind};
use crate::error::{AppError, AppResult};
use crate::models::{self, unit};
use crate::routes::extract::CurrentUser;
use crate::services::gate::{self, Permission};
use crate::services::units::{self, UnitSpec};

/// Creates a unit under an existing parent.
#[utoipa::path(
    post,
    path = "/api/units",
    tag = "units",
    request_body = CreateUnitRequest,
    params(("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")),
    responses(
        (status = 201, description = "Đã tạo đơn vị", body = UnitView),
        (status = 409, description = "Mã đơn vị đã tồn tại", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Dữ liệu không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn create(
    current: CurrentUser,
    db: web::Data<Db>,
    body: web::Json<CreateUnitRequest>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let req = body.into_inner();
    let kind = UnitKind::from_stored(&req.kind)
        .ok_or_else(|| AppError::Validation(format!("Loại đơn vị «{}» không hợp lệ.", req.kind)))?;
    let level = req
        .school_level
        .as_deref()
        .map(|l| SchoolLevel::from_stored(l).ok_or_else(|| format!("Cấp học «{l}» không hợp lệ.")))
        .transpose()
        .map_err(AppError::Validation)?;
    let year = req
        .school_year
        .as_deref()
        .map(SchoolYear::parse)
        .transpose()
        .map_err(AppError::Validation)?;
    let spec = UnitSpec::parse(&req.code, &req.name, kind, level, req.grade, year)
        .map_err(AppError::Validation)?;
    let parent_code = req.parent_code;
    let view = db
        .run(move |conn| {
            let parent = unit::find_by_code(conn, &parent_code)?.ok_or(AppError::NotFound)?;
            gate::authorize(
                conn,
                &principal,
                Permission::to_manage(spec.kind),
                parent.id,
            )?;
            let created = units::create(conn, &spec, Some(&parent), models::now())?;
            Ok(units::view(&created, Some(parent.code)))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
