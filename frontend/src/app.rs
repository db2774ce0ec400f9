//! Routes of the UI (one `Routable` enum; the full bundle's `switch` and the learner bundle's
//! smaller one) and the two root components. Paths are Vietnamese, as users see and share them.
//! Also the `?quay-lai=` return address that sign-in follows, checked so it can only lead back
//! into this site.

use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use crate::components::layout::Layout;
use crate::components::require_sign_in::RequireSignIn;
use crate::i18n::LanguageProvider;
use crate::pages::{
    about::About,
    activate::Activate,
    activation_sheet::ActivationSheetPage,
    assignments::Assignments,
    attempt::AttemptPage,
    certificates::{CertificatePage, MyCertificates, VerifyPage},
    change_password::ChangePassword,
    class_progress::ClassProgressPage,
    contests::{ContestPage, Contests},
    coverage::CoveragePage,
    family_review::FamilyReview,
    family_task::FamilyTask,
    feedback_queue::FeedbackQueue,
    grading::Grading,
    home::Home,
    imports::Imports,
    item_statistics::{ItemStatisticsModules, ItemStatisticsPage},
    judging::{Gallery, JudgeEntryPage, JudgeList, MyEntries, OrganiserContest, OrganiserContests},
    learn::{Learn, LearnModule, LessonPage},
    login::Login,
    not_found::NotFound,
    people::People,
    question_import::QuestionImport,
    search::SearchPage,
    todo::Todo,
    training::{TrainingCyclePage, TrainingHome, TrainingReportPage},
    units::Units,
};
use crate::session::SessionProvider;

#[derive(Clone, Routable, PartialEq, Debug)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/gioi-thieu")]
    About,
    #[at("/dang-nhap")]
    Login,
    #[at("/kich-hoat")]
    Activate,
    #[at("/doi-mat-khau")]
    ChangePassword,
    #[at("/hoc")]
    Learn,
    #[at("/hoc/:module")]
    LearnModule { module: String },
    #[at("/bai-hoc/:lesson")]
    Lesson { lesson: String },
    #[at("/tim-kiem")]
    Search,
    #[at("/quan-tri/gop-y")]
    FeedbackQueue,
    #[at("/lam-bai/:attempt_id")]
    Attempt { attempt_id: i32 },
    #[at("/cham-bai")]
    Grading,
    #[at("/quan-tri/don-vi")]
    Units,
    #[at("/quan-tri/don-vi/:code")]
    Unit { code: String },
    #[at("/quan-tri/nguoi-dung")]
    People,
    #[at("/quan-tri/nhap-danh-sach")]
    Imports,
    #[at("/quan-tri/cau-hoi")]
    QuestionImport,
    #[at("/quan-tri/thong-ke")]
    ItemStatisticsModules,
    #[at("/quan-tri/thong-ke/:module")]
    ItemStatistics { module: String },
    #[at("/bao-phu")]
    Coverage,
    #[at("/bao-phu/:code")]
    CoverageOf { code: String },
    #[at("/lop/:code/phieu-kich-hoat")]
    ActivationSheet { code: String },
    #[at("/lop/:code/tien-do")]
    ClassProgress { code: String },
    #[at("/lop/:code/tien-do/:module")]
    ClassProgressOf { code: String, module: String },
    #[at("/viec-can-lam")]
    Todo,
    #[at("/nhiem-vu-gia-dinh")]
    FamilyTask,
    #[at("/giao-bai")]
    Assignments,
    #[at("/duyet-nhiem-vu-gia-dinh")]
    FamilyReview,
    #[at("/dao-tao")]
    Training,
    #[at("/dao-tao/:code/bao-cao/:year")]
    TrainingReport { code: String, year: i32 },
    #[at("/dao-tao/:code/chu-ky/:year")]
    TrainingCycle { code: String, year: i32 },
    #[at("/giay-chung-nhan")]
    MyCertificates,
    #[at("/giay-chung-nhan/:id")]
    Certificate { id: i32 },
    #[at("/verify/:code")]
    Verify { code: String },
    #[at("/xac-thuc")]
    VerifyForm,
    #[at("/cuoc-thi")]
    Contests,
    #[at("/cuoc-thi/:id")]
    Contest { id: i32 },
    #[at("/bai-du-thi")]
    MyEntries,
    #[at("/cham-thi")]
    Judging,
    #[at("/cham-thi/:entry_id")]
    JudgeEntry { entry_id: i32 },
    #[at("/ban-to-chuc/cuoc-thi")]
    Organise,
    #[at("/ban-to-chuc/cuoc-thi/:id")]
    OrganiserContest { id: i32 },
    #[at("/bai-doat-giai")]
    Gallery,
    #[not_found]
    #[at("/khong-tim-thay")]
    NotFound,
}

/// The full bundle: every page.
fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::About => html! { <About /> },
        Route::Login => html! { <Login /> },
        Route::Activate => html! { <Activate /> },
        Route::ChangePassword => html! { <ChangePassword /> },
        Route::Learn => html! { <Learn /> },
        Route::LearnModule { module } => html! { <LearnModule module={module} /> },
        Route::Lesson { lesson } => html! { <LessonPage lesson={lesson} /> },
        Route::Search => html! { <SearchPage /> },
        Route::FeedbackQueue => html! { <FeedbackQueue /> },
        Route::Attempt { attempt_id } => html! { <AttemptPage {attempt_id} /> },
        Route::Grading => html! { <Grading /> },
        Route::Units => html! { <Units code={None::<AttrValue>} /> },
        Route::Unit { code } => html! { <Units code={Some(AttrValue::from(code))} /> },
        Route::People => html! { <People /> },
        Route::Imports => html! { <Imports /> },
        Route::QuestionImport => html! { <QuestionImport /> },
        Route::Coverage => html! { <CoveragePage code={None::<AttrValue>} /> },
        Route::CoverageOf { code } => {
            html! { <CoveragePage code={Some(AttrValue::from(code))} /> }
        }
        Route::ItemStatisticsModules => html! { <ItemStatisticsModules /> },
        Route::ItemStatistics { module } => html! { <ItemStatisticsPage module={module} /> },
        Route::ActivationSheet { code } => html! { <ActivationSheetPage {code} /> },
        // Class work: one sign-in wrapper here rather than one per page.
        Route::ClassProgress { code } => signed_in(html! { <ClassProgressPage {code} /> }),
        Route::ClassProgressOf { code, module } => {
            signed_in(html! { <ClassProgressPage {code} {module} /> })
        }
        Route::Todo => signed_in(html! { <Todo /> }),
        Route::FamilyTask => signed_in(html! { <FamilyTask /> }),
        Route::Assignments => signed_in(html! { <Assignments /> }),
        Route::FamilyReview => signed_in(html! { <FamilyReview /> }),
        Route::Training => signed_in(html! { <TrainingHome /> }),
        Route::TrainingReport { code, year } => {
            signed_in(html! { <TrainingReportPage {code} {year} /> })
        }
        Route::TrainingCycle { code, year } => {
            signed_in(html! { <TrainingCyclePage {code} {year} /> })
        }
        Route::MyCertificates => signed_in(html! { <MyCertificates /> }),
        Route::Certificate { id } => signed_in(html! { <CertificatePage {id} /> }),
        // Verification is public: no sign-in wrapper.
        Route::Verify { code } => html! { <VerifyPage code={Some(AttrValue::from(code))} /> },
        Route::VerifyForm => html! { <VerifyPage /> },
        Route::Contests => signed_in(html! { <Contests /> }),
        Route::Contest { id } => signed_in(html! { <ContestPage {id} /> }),
        Route::MyEntries => signed_in(html! { <MyEntries /> }),
        Route::Judging => signed_in(html! { <JudgeList /> }),
        Route::JudgeEntry { entry_id } => signed_in(html! { <JudgeEntryPage {entry_id} /> }),
        Route::Organise => signed_in(html! { <OrganiserContests /> }),
        Route::OrganiserContest { id } => signed_in(html! { <OrganiserContest {id} /> }),
        Route::Gallery => html! { <Gallery /> },
        Route::NotFound => html! { <NotFound /> },
    }
}

/// The learner bundle: the pages of `hocdvc_api::bundle::LEARNER_PATHS`. Any other page is
/// handed over to the full bundle. The pages named here are all this bundle's code carries.
fn switch_learner(route: Route) -> Html {
    if !hocdvc_api::bundle::is_learner_path(&route.to_path()) {
        return html! { <HandOver /> };
    }
    match route {
        Route::Home => html! { <Home /> },
        Route::About => html! { <About /> },
        Route::Login => html! { <Login /> },
        Route::Activate => html! { <Activate /> },
        Route::ChangePassword => html! { <ChangePassword /> },
        Route::Learn => html! { <Learn /> },
        Route::LearnModule { module } => html! { <LearnModule module={module} /> },
        Route::Lesson { lesson } => html! { <LessonPage lesson={lesson} /> },
        Route::Search => html! { <SearchPage /> },
        Route::Attempt { attempt_id } => html! { <AttemptPage {attempt_id} /> },
        Route::Todo => signed_in(html! { <Todo /> }),
        Route::FamilyTask => signed_in(html! { <FamilyTask /> }),
        // A learner path whose page this bundle lacks would be a mistake in LEARNER_PATHS:
        // say "not found" rather than reload forever.
        _ => html! { <NotFound /> },
    }
}

/// A staff page asked of the learner bundle: the server sends the full bundle for it, so the
/// page is loaded again from the server (once; the full bundle is then cached).
#[component]
fn HandOver() -> Html {
    let t = crate::i18n::use_texts();
    use_effect_with((), |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    html! { <p class="muted" role="status">{ t.loading }</p> }
}

/// A page that needs a signed-in user.
fn signed_in(page: Html) -> Html {
    html! { <RequireSignIn>{ page }</RequireSignIn> }
}

/// `?quay-lai=/quan-tri/nguoi-dung?don-vi=AG`: where to go after signing in.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
pub struct ReturnTo {
    #[serde(rename = "quay-lai", default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl ReturnTo {
    /// The address of the page being shown now (path and query).
    pub fn here() -> ReturnTo {
        let path = web_sys::window().and_then(|w| {
            let location = w.location();
            Some(format!(
                "{}{}",
                location.pathname().ok()?,
                location.search().ok()?
            ))
        });
        ReturnTo { path }
    }
}

/// Goes to a path of this site (with its query); anything else (another site, `//host`, an
/// unknown page) goes home.
pub fn go_to_path(navigator: &Navigator, path: Option<&str>) {
    let local = path.filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'));
    let Some(local) = local else {
        navigator.push(&Route::Home);
        return;
    };
    let (path, query) = local.split_once('?').unwrap_or((local, ""));
    match Route::recognize(path) {
        Some(Route::NotFound) | None => navigator.push(&Route::Home),
        Some(route) if query.is_empty() => navigator.push(&route),
        Some(route) => {
            let _ = navigator.push_with_query(&route, Raw(query));
        }
    }
}

/// The root of the full bundle.
#[component]
pub fn FullApp() -> Html {
    html! {
        <LanguageProvider>
            <SessionProvider>
                <BrowserRouter>
                    <Layout>
                        <Switch<Route> render={switch} />
                    </Layout>
                </BrowserRouter>
            </SessionProvider>
        </LanguageProvider>
    }
}

/// The root of the learner bundle.
#[component]
pub fn LearnerApp() -> Html {
    html! {
        <LanguageProvider>
            <SessionProvider>
                <BrowserRouter>
                    <Layout>
                        <Switch<Route> render={switch_learner} />
                    </Layout>
                </BrowserRouter>
            </SessionProvider>
        </LanguageProvider>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page the learner bundle renders must be one the server sends it for; otherwise
    /// the server would send the full bundle and this code would never run (harmless but
    /// wasteful), or — the other way round — a learner path would show "not found".
    #[test]
    fn the_learner_bundle_renders_exactly_the_learner_paths() {
        let learner_routes = [
            Route::Home,
            Route::About,
            Route::Login,
            Route::Activate,
            Route::ChangePassword,
            Route::Learn,
            Route::LearnModule {
                module: "thpt-core".into(),
            },
            Route::Lesson {
                lesson: "thpt-core-01".into(),
            },
            Route::Search,
            Route::Attempt { attempt_id: 7 },
            Route::Todo,
            Route::FamilyTask,
            Route::NotFound,
        ];
        for route in &learner_routes {
            assert!(
                hocdvc_api::bundle::is_learner_path(&route.to_path()),
                "{route:?} is rendered by the learner bundle but not in LEARNER_PATHS"
            );
        }
        let staff_routes = [
            Route::FeedbackQueue,
            Route::Grading,
            Route::Units,
            Route::Unit { code: "AG".into() },
            Route::People,
            Route::Imports,
            Route::QuestionImport,
            Route::ItemStatisticsModules,
            Route::ItemStatistics {
                module: "thpt-core".into(),
            },
            Route::ActivationSheet {
                code: "AG-10A1".into(),
            },
            Route::ClassProgress {
                code: "AG-10A1".into(),
            },
            Route::ClassProgressOf {
                code: "AG-10A1".into(),
                module: "thpt-core".into(),
            },
            Route::Assignments,
            Route::FamilyReview,
        ];
        for route in &staff_routes {
            assert!(
                !hocdvc_api::bundle::is_learner_path(&route.to_path()),
                "{route:?} is a staff page but LEARNER_PATHS sends it to the learner bundle"
            );
        }
    }
}
