//! Every HTTP route of Học DVC is wired here, in [`configure`]; each handler lives in its own
//! file under its area.

pub mod assignments;
pub mod attempts;
pub mod auth;
pub mod certificates;
pub mod contests;
pub mod coverage;
pub mod extract;
pub mod family_tasks;
pub mod feedback;
pub mod health;
pub mod imports;
pub mod judging;
pub mod lessons;
pub mod openapi;
pub mod people;
pub mod questions;
pub mod search;
pub mod statistics;
pub mod training;
pub mod ui;
pub mod units;
pub mod users;

use actix_web::web;

/// Registers every route. `/api/...` answers JSON; everything else is the embedded UI.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api")
            .route("/health", web::get().to(health::health))
            .route("/openapi.json", web::get().to(openapi::openapi_json))
            .route("/auth/login", web::post().to(auth::login::login))
            .route("/auth/activate", web::post().to(auth::activate::activate))
            .route("/auth/logout", web::post().to(auth::logout::logout))
            .route(
                "/auth/password",
                web::post().to(auth::password::change_password),
            )
            .route("/me", web::get().to(auth::me::me))
            .route("/me/todo", web::get().to(assignments::todo::todo))
            .route("/me/training", web::get().to(training::mine::mine))
            .route(
                "/training/cycles/{unit_code}/{year}",
                web::get().to(training::cycle_show::show),
            )
            .route(
                "/training/cycles/{unit_code}/{year}",
                web::put().to(training::cycle_save::save),
            )
            .route(
                "/training/report/{unit_code}.csv",
                web::get().to(training::report_csv::report_csv),
            )
            .route(
                "/training/report/{unit_code}",
                web::get().to(training::report::report),
            )
            .route(
                "/training/reminders/{unit_code}.csv",
                web::get().to(training::reminders_csv::reminders_csv),
            )
            .route(
                "/training/reminders/{unit_code}",
                web::get().to(training::reminders::reminders),
            )
            .route("/me/certificates", web::get().to(certificates::mine::mine))
            .route(
                r"/certificates/{id:\d+}",
                web::get().to(certificates::show::show),
            )
            .route(
                r"/certificates/{id:\d+}.pdf",
                web::get().to(certificates::pdf::pdf),
            )
            .route(
                r"/certificates/{id:\d+}/qr.svg",
                web::get().to(certificates::qr::qr),
            )
            .route(
                r"/certificates/{id:\d+}/revoked",
                web::put().to(certificates::revoke::revoke),
            )
            .route(
                "/verify/{code}",
                web::get().to(certificates::verify::verify),
            )
            .route("/me/family-tasks", web::get().to(family_tasks::mine::mine))
            .route(
                "/me/family-tasks",
                web::post().to(family_tasks::create::create),
            )
            .route("/assignments", web::get().to(assignments::list::list))
            .route("/assignments", web::post().to(assignments::create::create))
            .route(
                "/assignments/{id}",
                web::patch().to(assignments::update::update),
            )
            .route(
                "/assignments/{id}",
                web::delete().to(assignments::delete::delete),
            )
            .route("/family-tasks", web::get().to(family_tasks::list::list))
            .route(
                "/family-tasks/{id}/review",
                web::post().to(family_tasks::review::review),
            )
            .route("/units", web::get().to(units::list::list))
            .route("/units", web::post().to(units::create::create))
            .route("/units/{code}", web::get().to(units::show::show))
            .route("/units/{code}", web::patch().to(units::update::update))
            .route(
                "/units/{code}/activation-sheet",
                web::get().to(units::activation_sheet::activation_sheet),
            )
            .route(
                "/units/{code}/progress",
                web::get().to(assignments::progress::progress),
            )
            .route("/modules", web::get().to(lessons::module_list::list))
            .route("/modules/{id}", web::get().to(lessons::module_show::show))
            .route(
                "/modules/{id}/media/{path:.+}",
                web::get().to(lessons::media::media),
            )
            .route("/coverage", web::get().to(coverage::home::home))
            // The CSV route first: `{unit_code}` alone would also match `AG.csv`.
            .route(
                "/coverage/{unit_code}.csv",
                web::get().to(coverage::csv::csv),
            )
            .route("/coverage/{unit_code}", web::get().to(coverage::show::show))
            .route(
                "/coverage-targets",
                web::get().to(coverage::targets::targets),
            )
            .route(
                "/coverage-targets",
                web::put().to(coverage::update_targets::update_targets),
            )
            .route(
                "/modules/{module_id}/statistics",
                web::get().to(statistics::show::show),
            )
            .route(
                "/modules/{module_id}/statistics.csv",
                web::get().to(statistics::csv::csv),
            )
            .route(
                "/modules/{module_id}/attempts",
                web::post().to(attempts::start::start),
            )
            .route(
                "/attempts/{attempt_id}",
                web::get().to(attempts::show::show),
            )
            .route(
                "/attempts/{attempt_id}/answers/{slot}",
                web::put().to(attempts::save::save),
            )
            .route(
                "/attempts/{attempt_id}/submit",
                web::post().to(attempts::submit::submit),
            )
            .route(
                "/attempts/{attempt_id}/slots/{slot}/grade",
                web::put().to(attempts::grade::grade),
            )
            .route("/grading/essays", web::get().to(attempts::essays::essays))
            .route("/contests", web::get().to(contests::list::list))
            .route("/contests", web::post().to(contests::create::create))
            .route(
                "/contests/{contest_id}",
                web::get().to(contests::show::show),
            )
            .route(
                "/contests/{contest_id}/rounds",
                web::post().to(contests::create_round::create_round),
            )
            .route(
                "/contests/{contest_id}/leaderboard",
                web::get().to(contests::leaderboard::leaderboard),
            )
            .route(
                "/contests/{contest_id}/rounds/{round_id}/entries",
                web::post().to(contests::enter::enter),
            )
            .route(
                "/contests/{contest_id}/rounds/{round_id}/close",
                web::post().to(contests::close::close),
            )
            .route(
                "/contests/{contest_id}/rounds/{round_id}/qualify",
                web::post().to(contests::qualify::qualify),
            )
            .route(
                "/contests/{contest_id}/rounds/{round_id}/publish",
                web::post().to(contests::publish::publish),
            )
            .route(
                "/contests/{contest_id}/rounds/{round_id}/results.csv",
                web::get().to(contests::results_csv::results_csv),
            )
            .route("/lessons/{id}", web::get().to(lessons::show::show))
            .route("/lessons/{id}/done", web::post().to(lessons::done::done))
            .route(
                "/lessons/{id}/feedback",
                web::get().to(lessons::feedback_show::show),
            )
            .route(
                "/lessons/{id}/feedback",
                web::post().to(lessons::feedback_save::save),
            )
            .route("/feedback", web::get().to(feedback::list::list))
            .route("/feedback/{id}", web::patch().to(feedback::update::update))
            .route(
                "/creative-contests",
                web::get().to(judging::contests::list::list),
            )
            .route(
                "/creative-contests",
                web::post().to(judging::contests::create::create),
            )
            .route(
                "/creative-contests/{id}",
                web::get().to(judging::contests::show::show),
            )
            .route(
                "/creative-contests/{id}",
                web::patch().to(judging::contests::update::update),
            )
            .route(
                "/creative-contests/{id}/judges",
                web::put().to(judging::contests::set_judges::set_judges),
            )
            .route(
                "/creative-contests/{id}/assign",
                web::post().to(judging::contests::assign::assign),
            )
            .route(
                "/creative-contests/{id}/assignments",
                web::post().to(judging::contests::add_assignment::add_assignment),
            )
            .route(
                "/creative-contests/{id}/assignments/{assignment_id}",
                web::delete().to(judging::contests::remove_assignment::remove_assignment),
            )
            .route(
                "/creative-contests/{id}/conflicts",
                web::post().to(judging::contests::conflict::conflict),
            )
            .route(
                "/creative-contests/{id}/results",
                web::get().to(judging::contests::results::results),
            )
            .route(
                "/creative-contests/{id}/publish",
                web::post().to(judging::contests::publish::publish),
            )
            .route(
                "/creative-contests/{id}/entries",
                web::post().to(judging::entries::create::create),
            )
            .route("/me/entries", web::get().to(judging::entries::mine::mine))
            .route(
                "/entries/{id}",
                web::patch().to(judging::entries::update::update),
            )
            .route(
                "/entries/{id}/withdraw",
                web::post().to(judging::entries::withdraw::withdraw),
            )
            .route(
                "/entries/{id}/files",
                web::post().to(judging::entries::upload::upload),
            )
            .route(
                "/entries/{id}/files/{file_id}",
                web::get().to(judging::entries::file::file),
            )
            .route(
                "/entries/{id}/files/{file_id}",
                web::delete().to(judging::entries::delete_file::delete_file),
            )
            .route(
                "/entries/{id}/files/{file_id}/thumb",
                web::get().to(judging::entries::thumb::thumb),
            )
            .route(
                "/entries/{id}/vote",
                web::post().to(judging::entries::vote::vote),
            )
            .route(
                "/judging/assignments",
                web::get().to(judging::judge::assignments::assignments),
            )
            .route(
                "/judging/entries/{entry_id}",
                web::get().to(judging::judge::entry::entry),
            )
            .route(
                "/judging/entries/{entry_id}/scores",
                web::put().to(judging::judge::scores::scores),
            )
            .route(
                "/judging/entries/{entry_id}/conflict",
                web::post().to(judging::judge::conflict::conflict),
            )
            .route("/gallery", web::get().to(judging::gallery::gallery))
            .route("/search", web::get().to(search::search))
            .route("/people", web::get().to(people::search::search))
            .service(
                web::resource("/questions/import")
                    .app_data(web::PayloadConfig::new(imports::MAX_FILE_BYTES))
                    .route(web::post().to(questions::import::import)),
            )
            .service(
                web::resource("/imports")
                    .app_data(web::PayloadConfig::new(imports::MAX_FILE_BYTES))
                    .route(web::get().to(imports::list::list))
                    .route(web::post().to(imports::create::create)),
            )
            .route(
                "/users/{username}/reset-password",
                web::post().to(users::reset_password::reset_password),
            )
            .default_service(web::to(not_found)),
    )
    .route("/assets/{file}", web::get().to(ui::asset))
    .default_service(web::to(ui::app_shell));
}

async fn not_found() -> Result<actix_web::HttpResponse, crate::error::AppError> {
    Err(crate::error::AppError::NotFound)
}
