//! `/lop/:code/phieu-kich-hoat`: the sheet a teacher prints and hands out in class
//! (`GET /api/units/{code}/activation-sheet`): each student's username and one-time activation
//! code, with the steps to follow. The print style sheet leaves only the sheet on paper.

use hocdvc_api::ActivationSheet;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::ApiErrorAlert;
use crate::components::require_sign_in::RequireSignIn;
use crate::format;
use crate::hooks::use_api::{Remote, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::pages::units::unit_title;
use crate::services::api;

#[derive(Properties, PartialEq)]
pub struct ActivationSheetProps {
    pub code: AttrValue,
}

#[component]
pub fn ActivationSheetPage(props: &ActivationSheetProps) -> Html {
    let t = use_texts();
    use_title(t.sheet_title);
    html! {
        <RequireSignIn>
            <Sheet code={props.code.clone()} />
        </RequireSignIn>
    }
}

/// Where students go to activate: this server's own address.
fn activation_address() -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{}", Route::Activate.to_path())
}

#[component]
fn Sheet(props: &ActivationSheetProps) -> Html {
    let t = use_texts();
    let sheet = use_api_with(props.code.clone(), |code| {
        let code = code.clone();
        async move { api::activation_sheet(&code).await }
    });
    match &sheet.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => html! {
            <section class="card">
                <h1>{ t.sheet_title }</h1>
                <ApiErrorAlert error={err.clone()} retry={sheet.reload.clone()} />
            </section>
        },
        Remote::Ready(data) => html! { <SheetView sheet={(**data).clone()} /> },
    }
}

#[derive(Properties, PartialEq)]
struct SheetViewProps {
    sheet: ActivationSheet,
}

#[component]
fn SheetView(props: &SheetViewProps) -> Html {
    let t = use_texts();
    let sheet = &props.sheet;
    let class = &sheet.class;
    let activated = sheet
        .entries
        .iter()
        .filter(|e| e.activation_code.is_none())
        .count();
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <article class="sheet">
            <div class="actions no-print">
                <button type="button" class="btn" id="in-phieu" onclick={print}>{ t.print }</button>
                <Link<Route> to={Route::Unit { code: class.code.clone() }} classes="btn btn-secondary">
                    { t.sheet_back_to_class }
                </Link<Route>>
            </div>
            <header class="sheet-header">
                if let Some(school) = &sheet.school {
                    <p class="sheet-school">{ school.name.clone() }</p>
                }
                <h1>{ t.sheet_title }</h1>
                <p class="sheet-class">
                    { unit_title(t, class) }
                    if let Some(year) = &class.school_year {
                        { format!(" · {} {year}", t.school_year_label) }
                    }
                </p>
            </header>
            <section class="sheet-steps" aria-labelledby="huong-dan">
                <h2 id="huong-dan">{ t.sheet_steps_title }</h2>
                <ol>
                    <li>{ (t.sheet_step_open)(&activation_address()) }</li>
                    <li>{ t.sheet_step_enter }</li>
                    <li>{ t.sheet_step_password }</li>
                </ol>
                <p class="hint">{ t.sheet_keep_secret }</p>
            </section>
            <p class="no-print" role="status">
                { (t.sheet_progress)(activated, sheet.entries.len()) }
            </p>
            if sheet.entries.is_empty() {
                <p>{ t.sheet_empty }</p>
            } else {
                <div class="table-wrap">
                    <table id="phieu-kich-hoat" class="sheet-table">
                        <caption class="visually-hidden">{ (t.sheet_caption)(&unit_title(t, class)) }</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="num">{ t.sheet_no }</th>
                                <th scope="col">{ t.full_name_label }</th>
                                <th scope="col">{ t.birth_date_label }</th>
                                <th scope="col">{ t.username_label }</th>
                                <th scope="col">{ t.activation_code_label }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for sheet.entries.iter().enumerate().map(|(i, entry)| html! {
                                <tr>
                                    <td class="num">{ i + 1 }</td>
                                    <th scope="row">{ entry.full_name.clone() }</th>
                                    <td>{ entry.birth_date.as_deref().map(format::date).unwrap_or_default() }</td>
                                    <td><code>{ entry.username.clone() }</code></td>
                                    <td>
                                        if let Some(code) = &entry.activation_code {
                                            <code class="activation-code">{ code.clone() }</code>
                                        } else {
                                            <span class="muted">{ t.sheet_activated }</span>
                                        }
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </article>
    }
}
