//! The page frame: skip link, header with the "who am I" bar and the navigation the user's
//! roles can use, main content (with the one-time notice), footer with the language choice.
//! On every navigation focus moves to the main content, so keyboard and screen-reader users
//! start reading the new page, not the old link.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::account_bar::AccountBar;
use crate::components::field::SelectField;
use crate::components::notice::{Notice, NoticeView};
use crate::i18n::{Language, use_language};
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    pub children: Html,
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let language = use_language();
    let texts = language.texts();
    let session = use_session();
    let current = use_route::<Route>();
    let location = use_location();
    let navigator = use_navigator();
    let notice = use_state(|| None::<Notice>);
    let main_ref = use_node_ref();
    let path = location
        .as_ref()
        .map(|l| l.path().to_owned())
        .unwrap_or_default();
    {
        let notice = notice.clone();
        let main_ref = main_ref.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(path.clone(), move |path| {
            if notice.as_ref().is_some_and(|n| &n.path != path) {
                notice.set(None);
            }
            // Not on the first page load: the skip link must stay the first stop there.
            if !std::mem::replace(&mut *first.borrow_mut(), false)
                && let Some(main) = main_ref.cast::<web_sys::HtmlElement>()
            {
                let _ = main.focus();
            }
        });
    }
    let nav_link = |route: Route, text: &'static str, here: bool| {
        let onclick = {
            let navigator = navigator.clone();
            let route = route.clone();
            Callback::from(move |event: MouseEvent| {
                // Let modified clicks open a new tab as usual.
                if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0
                {
                    return;
                }
                event.prevent_default();
                if let Some(navigator) = &navigator {
                    navigator.push(&route);
                }
            })
        };
        html! {
            <li>
                <a href={route.to_path()} {onclick} aria-current={here.then_some("page")}>{ text }</a>
            </li>
        }
    };
    let is = |route: &Route| current.as_ref() == Some(route);
    let in_certificates = matches!(
        current,
        Some(Route::MyCertificates | Route::Certificate { .. })
    );
    let in_learn = matches!(
        current,
        Some(
            Route::Learn
                | Route::LearnModule { .. }
                | Route::Lesson { .. }
                | Route::Search
                | Route::Attempt { .. }
        )
    );
    let in_units = matches!(current, Some(Route::Units | Route::Unit { .. }));
    let in_training = matches!(
        current,
        Some(Route::Training | Route::TrainingReport { .. } | Route::TrainingCycle { .. })
    );
    let in_contests = matches!(current, Some(Route::Contests | Route::Contest { .. }));
    let in_stats = matches!(
        current,
        Some(Route::ItemStatisticsModules | Route::ItemStatistics { .. })
    );
    let in_coverage = matches!(current, Some(Route::Coverage | Route::CoverageOf { .. }));
    let in_assign = matches!(
        current,
        Some(Route::Assignments | Route::ClassProgress { .. } | Route::ClassProgressOf { .. })
    );
    let on_language = {
        let language = language.clone();
        Callback::from(move |code: String| {
            if let Some(chosen) = Language::from_code(&code) {
                language.set(chosen);
            }
        })
    };
    let options = Language::ALL
        .iter()
        .map(|l| {
            (
                AttrValue::from(l.code()),
                AttrValue::from(l.texts().language_name),
            )
        })
        .collect::<Vec<_>>();
    html! {
        <ContextProvider<UseStateHandle<Option<Notice>>> context={notice.clone()}>
            <a class="skip-link" href="#noi-dung">{ texts.skip_to_content }</a>
            <header class="site-header">
                <div class="inner header-top">
                    <Link<Route> to={Route::Home} classes="brand">
                        { texts.app_name }
                    </Link<Route>>
                    <AccountBar />
                </div>
                <nav class="site-nav" aria-label={texts.nav_label}>
                    <ul class="inner">
                        { nav_link(Route::Home, texts.nav_home, is(&Route::Home)) }
                        if session.is_student() {
                            { nav_link(Route::Todo, texts.work.nav_todo, is(&Route::Todo)) }
                        }
                        if session.user().is_some() {
                            { nav_link(Route::Learn, texts.nav_learn, in_learn) }
                        }
                        if session.user().is_some() {
                            { nav_link(Route::MyCertificates, texts.certificates.nav, in_certificates) }
                        }
                        if session.has_any_role(&["student", "organiser", "system_admin"]) {
                            { nav_link(Route::Contests, texts.contests.nav, in_contests) }
                        }
                        if session.is_student() {
                            { nav_link(Route::MyEntries, texts.judging.nav_entries, is(&Route::MyEntries)) }
                        }
                        if session.is_judge() {
                            { nav_link(Route::Judging, texts.judging.nav_judging, matches!(current, Some(Route::Judging | Route::JudgeEntry { .. }))) }
                        }
                        if session.may_organise() {
                            { nav_link(Route::Organise, texts.judging.nav_organise, matches!(current, Some(Route::Organise | Route::OrganiserContest { .. }))) }
                        }
                        if session.may_grade() {
                            { nav_link(Route::Grading, texts.nav_grading, is(&Route::Grading)) }
                        }
                        if session.may_assign() {
                            { nav_link(Route::Assignments, texts.work.nav_assign, in_assign) }
                            { nav_link(Route::FamilyReview, texts.work.nav_family_review, is(&Route::FamilyReview)) }
                        }
                        if session.may_browse_units() {
                            { nav_link(Route::Units, texts.nav_units, in_units) }
                        }
                        if session.may_view_people() {
                            { nav_link(Route::People, texts.nav_people, is(&Route::People)) }
                        }
                        if session.may_import() || session.may_manage_training() {
                            { nav_link(Route::Imports, texts.nav_imports, is(&Route::Imports)) }
                        }
                        if session.may_manage_training() {
                            { nav_link(Route::Training, texts.training.nav, in_training) }
                        }
                        if session.may_import_questions() {
                            { nav_link(Route::QuestionImport, texts.nav_questions, is(&Route::QuestionImport)) }
                        }
                        if session.may_manage_feedback() {
                            { nav_link(Route::FeedbackQueue, texts.nav_feedback, is(&Route::FeedbackQueue)) }
                        }
                        if session.may_view_coverage() {
                            { nav_link(Route::Coverage, texts.coverage.nav, in_coverage) }
                        }
                        if session.may_view_item_statistics() {
                            { nav_link(Route::ItemStatisticsModules, texts.nav_stats, in_stats) }
                        }
                        { nav_link(Route::Gallery, texts.judging.nav_gallery, is(&Route::Gallery)) }
                        { nav_link(Route::About, texts.nav_about, is(&Route::About)) }
                    </ul>
                </nav>
            </header>
            <main id="noi-dung" class="inner" tabindex="-1" ref={main_ref}>
                <NoticeView notice={(*notice).clone()} path={path} />
                { props.children.clone() }
            </main>
            <footer class="site-footer">
                <div class="inner">
                    <span>{ texts.footer_plan }</span>
                    <SelectField
                        id="chon-ngon-ngu"
                        label={texts.language_label}
                        options={options}
                        value={language.code()}
                        on_change={on_language}
                        inline=true
                    />
                </div>
            </footer>
        </ContextProvider<UseStateHandle<Option<Notice>>>>
    }
}
