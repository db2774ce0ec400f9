//! The OpenAPI document of the HTTP API. Every handler carries `#[utoipa::path]`; list it in
//! `paths(...)` below. `tests/` compares the served document with `api/openapi.json`, so a
//! change to the API shows up in review.

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Học DVC API",
        description = "API của Học DVC: học, kiểm tra, thi và theo dõi phổ cập kỹ năng sử dụng dịch vụ công trực tuyến.",
    ),
    paths(
        crate::routes::health::health,
        crate::routes::auth::login::login,
        crate::routes::auth::activate::activate,
        crate::routes::auth::logout::logout,
        crate::routes::auth::password::change_password,
        crate::routes::auth::me::me,
        crate::routes::units::list::list,
        crate::routes::units::show::show,
        crate::routes::units::create::create,
        crate::routes::units::update::update,
        crate::routes::users::reset_password::reset_password,
        crate::routes::units::activation_sheet::activation_sheet,
        crate::routes::people::search::search,
        crate::routes::imports::create::create,
        crate::routes::imports::list::list,
        crate::routes::questions::import::import,
        crate::routes::lessons::module_list::list,
        crate::routes::lessons::module_show::show,
        crate::routes::lessons::media::media,
        crate::routes::lessons::show::show,
        crate::routes::lessons::done::done,
        crate::routes::assignments::list::list,
        crate::routes::assignments::create::create,
        crate::routes::assignments::update::update,
        crate::routes::assignments::delete::delete,
        crate::routes::assignments::todo::todo,
        crate::routes::assignments::progress::progress,
        crate::routes::family_tasks::create::create,
        crate::routes::family_tasks::mine::mine,
        crate::routes::family_tasks::list::list,
        crate::routes::family_tasks::review::review,
    ),
    components(schemas(
        hocdvc_api::ErrorBody,
        hocdvc_api::HealthResponse,
        hocdvc_api::DatabaseBackend,
        hocdvc_api::LoginRequest,
        hocdvc_api::ActivateRequest,
        hocdvc_api::ChangePasswordRequest,
        hocdvc_api::SessionInfo,
        hocdvc_api::UserInfo,
        hocdvc_api::RoleGrant,
        hocdvc_api::UnitView,
        hocdvc_api::UnitPage,
        hocdvc_api::CreateUnitRequest,
        hocdvc_api::UpdateUnitRequest,
        hocdvc_api::ResetPasswordResponse,
        hocdvc_api::ErrorDetail,
        hocdvc_api::PersonView,
        hocdvc_api::PeoplePage,
        hocdvc_api::ActivationEntry,
        hocdvc_api::ActivationSheet,
        hocdvc_api::RosterKind,
        hocdvc_api::ImportSummary,
        hocdvc_api::ImportRecord,
        hocdvc_api::QuestionPreview,
        hocdvc_api::QuestionImportSummary,
        hocdvc_api::LessonProgress,
        hocdvc_api::ModuleSummary,
        hocdvc_api::LessonSummary,
        hocdvc_api::ModuleDetail,
        hocdvc_api::LessonLanguage,
        hocdvc_api::LessonView,
        hocdvc_api::LessonDone,
        hocdvc_api::AssignableClass,
        hocdvc_api::AssignmentView,
        hocdvc_api::AssignmentBoard,
        hocdvc_api::CreateAssignmentRequest,
        hocdvc_api::UpdateAssignmentRequest,
        hocdvc_api::TodoState,
        hocdvc_api::TodoItem,
        hocdvc_api::MatrixLesson,
        hocdvc_api::AssessmentState,
        hocdvc_api::StudentProgress,
        hocdvc_api::ClassProgress,
        hocdvc_api::FamilyTaskRequest,
        hocdvc_api::FamilyTaskStatus,
        hocdvc_api::FamilyTaskView,
        hocdvc_api::FamilyTaskReview
    )),
    tags(
        (name = "system", description = "Tình trạng máy chủ"),
        (name = "auth", description = "Đăng nhập, kích hoạt tài khoản, đăng xuất"),
        (name = "units", description = "Cây đơn vị: tỉnh, xã, trường, lớp, cơ quan"),
        (name = "users", description = "Quản lý tài khoản"),
        (name = "imports", description = "Nhập danh sách học sinh, giáo viên"),
        (name = "questions", description = "Ngân hàng câu hỏi: nhập tệp GIFT, Moodle XML, CSV"),
        (name = "lessons", description = "Học: học phần, bài học, tiến độ"),
        (name = "assignments", description = "Giao bài, việc cần làm, tiến độ của lớp"),
        (name = "family_tasks", description = "Nhiệm vụ gia đình: học sinh hướng dẫn người thân dùng DVCTT")
    )
)]
pub struct ApiDoc;

/// The document as pretty JSON, with the package version filled in.
pub fn document_json() -> String {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc.to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
