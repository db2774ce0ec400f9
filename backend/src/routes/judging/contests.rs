//! The organiser's routes: `/api/creative-contests…`.

use actix_web::{HttpResponse, web};
use hocdvc_api::{
    AssignmentRun, ConflictRequest, ContestResults, CreateCreativeContest, CreativeContestView,
    ManualAssignment, PanelJudge, SetJudgesRequest, UpdateCreativeContest,
};

use crate::db::Db;
use crate::error::AppResult;
use crate::routes::extract::CurrentUser;
use crate::services::judging;

/// Creates a creative contest (poster, model or video) with its rubric.
#[utoipa::path(
    post,
    path = "/api/creative-contests",
    tag = "judging",
    request_body = CreateCreativeContest,
    params(("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")),
    responses(
        (status = 201, description = "Cuộc thi đã tạo", body = CreativeContestView),
        (status = 403, description = "Không phải ban tổ chức của đơn vị", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Trường không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn create(
    current: CurrentUser,
    db: web::Data<Db>,
    body: web::Json<CreateCreativeContest>,
) -> AppResult<HttpResponse> {
    let principal = current.0;
    let request = body.into_inner();
    let view = db
        .run(move |conn| judging::create_contest(conn, &principal, &request))
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Every creative contest, newest first.
#[utoipa::path(
    get,
    path = "/api/creative-contests",
    tag = "judging",
    responses(
        (status = 200, description = "Các cuộc thi sáng tạo", body = [CreativeContestView]),
        (status = 401, description = "Chưa đăng nhập", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn list(
    _current: CurrentUser,
    db: web::Data<Db>,
) -> AppResult<web::Json<Vec<CreativeContestView>>> {
    Ok(web::Json(db.run(judging::list_contests).await?))
}

/// One creative contest: rules, rubric and phase.
#[utoipa::path(
    get,
    path = "/api/creative-contests/{id}",
    tag = "judging",
    params(("id" = i32, Path, description = "Mã cuộc thi")),
    responses(
        (status = 200, description = "Cuộc thi", body = CreativeContestView),
        (status = 404, description = "Không có", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn show(
    _current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<CreativeContestView>> {
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::show_contest(conn, id)).await?,
    ))
}

/// Changes aggregation, disagreement threshold, prize counts, popular vote or deadline.
#[utoipa::path(
    patch,
    path = "/api/creative-contests/{id}",
    tag = "judging",
    request_body = UpdateCreativeContest,
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Cuộc thi sau khi sửa", body = CreativeContestView),
        (status = 409, description = "Đã công bố", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Trường không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn update(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<UpdateCreativeContest>,
) -> AppResult<web::Json<CreativeContestView>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::update_contest(conn, &principal, id, &request))
            .await?,
    ))
}

/// Sets the judging panel (usernames holding the judge role).
#[utoipa::path(
    put,
    path = "/api/creative-contests/{id}/judges",
    tag = "judging",
    request_body = SetJudgesRequest,
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Hội đồng giám khảo", body = [PanelJudge]),
        (status = 422, description = "Tài khoản không phải giám khảo", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn set_judges(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<SetJudgesRequest>,
) -> AppResult<web::Json<Vec<PanelJudge>>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::set_judges(conn, &principal, id, &request.usernames))
            .await?,
    ))
}

/// Assigns judges automatically: k per entry, balanced, respecting conflicts; keeps the
/// assignments already made.
#[utoipa::path(
    post,
    path = "/api/creative-contests/{id}/assign",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Kết quả phân công", body = AssignmentRun),
        (status = 409, description = "Chưa hết hạn nộp bài", body = hocdvc_api::ErrorBody),
        (status = 422, description = "Không đủ giám khảo đủ điều kiện; details từng bài", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn assign(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<AssignmentRun>> {
    let principal = current.0;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::auto_assign(conn, &principal, id))
            .await?,
    ))
}

/// Assigns one judge to one entry by hand (conflicts still refused).
#[utoipa::path(
    post,
    path = "/api/creative-contests/{id}/assignments",
    tag = "judging",
    request_body = ManualAssignment,
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bảng kết quả sau khi phân công", body = ContestResults),
        (status = 409, description = "Xung đột lợi ích hoặc đã phân công", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn add_assignment(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<ManualAssignment>,
) -> AppResult<web::Json<ContestResults>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::add_assignment(conn, &principal, id, &request))
            .await?,
    ))
}

/// Removes an assignment the judge has not submitted yet.
#[utoipa::path(
    delete,
    path = "/api/creative-contests/{id}/assignments/{assignment_id}",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("assignment_id" = i32, Path, description = "Mã phân công"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bảng kết quả sau khi gỡ", body = ContestResults),
        (status = 409, description = "Giám khảo đã nộp điểm", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn remove_assignment(
    current: CurrentUser,
    db: web::Data<Db>,
    path: web::Path<(i32, i32)>,
) -> AppResult<web::Json<ContestResults>> {
    let principal = current.0;
    let (id, assignment_id) = path.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::remove_assignment(conn, &principal, id, assignment_id))
            .await?,
    ))
}

/// Records a judge's conflict of interest with an entry.
#[utoipa::path(
    post,
    path = "/api/creative-contests/{id}/conflicts",
    tag = "judging",
    request_body = ConflictRequest,
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Bảng kết quả", body = ContestResults),
        (status = 422, description = "Trường không hợp lệ", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn conflict(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
    body: web::Json<ConflictRequest>,
) -> AppResult<web::Json<ContestResults>> {
    let principal = current.0;
    let id = id.into_inner();
    let request = body.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::organiser_conflict(conn, &principal, id, &request))
            .await?,
    ))
}

/// The organiser's table: entries with entrants, every judge's total, aggregates, flags and
/// the provisional ranking.
#[utoipa::path(
    get,
    path = "/api/creative-contests/{id}/results",
    tag = "judging",
    params(("id" = i32, Path, description = "Mã cuộc thi")),
    responses(
        (status = 200, description = "Bảng điểm", body = ContestResults),
        (status = 403, description = "Không phải ban tổ chức", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn results(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<ContestResults>> {
    let principal = current.0;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::results(conn, &principal, id))
            .await?,
    ))
}

/// Publishes the ranking and prizes; the gallery shows the winners.
#[utoipa::path(
    post,
    path = "/api/creative-contests/{id}/publish",
    tag = "judging",
    params(
        ("id" = i32, Path, description = "Mã cuộc thi"),
        ("X-CSRF-Token" = String, Header, description = "csrf_token của phiên")
    ),
    responses(
        (status = 200, description = "Kết quả đã công bố", body = ContestResults),
        (status = 409, description = "Chưa đến lúc hoặc đã công bố", body = hocdvc_api::ErrorBody)
    )
)]
pub async fn publish(
    current: CurrentUser,
    db: web::Data<Db>,
    id: web::Path<i32>,
) -> AppResult<web::Json<ContestResults>> {
    let principal = current.0;
    let id = id.into_inner();
    Ok(web::Json(
        db.run(move |conn| judging::publish(conn, &principal, id))
            .await?,
    ))
}
