//! `/quan-tri/nguoi-dung?don-vi=CODE`: the people of a unit's subtree, searched as one types
//! (`GET /api/people`, the server ignores case and diacritics), a page at a time; and, for those
//! allowed, a new activation code for someone who lost their password
//! (`POST /api/users/{username}/reset-password`).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use hocdvc_api::{PersonView, ResetPasswordResponse};
use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::{Alert, AlertKind, ApiErrorAlert, focus};
use crate::components::empty_state::EmptyState;
use crate::components::field::{SelectField, TextField};
use crate::components::pager::Pager;
use crate::components::require_sign_in::RequireSignIn;
use crate::format;
use crate::hooks::use_api::{Remote, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::services::api::{self, ApiError};
use crate::session::use_session;

/// How long typing must pause before the search runs (a request per key is wasteful on 3G).
const SEARCH_DELAY_MS: u32 = 350;

/// Roles that may see the people of their units.
const PEOPLE_ROLES: [&str; 3] = ["system_admin", "school_admin", "teacher"];

/// `?don-vi=CODE`: the unit whose people are listed.
#[derive(Clone, PartialEq, Debug, Default, Serialize, Deserialize)]
pub struct PeopleQuery {
    #[serde(rename = "don-vi", default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[component]
pub fn People() -> Html {
    let t = use_texts();
    use_title(t.people_title);
    html! {
        <RequireSignIn>
            <PeopleSearch />
        </RequireSignIn>
    }
}

#[derive(Clone, PartialEq)]
enum ResetOutcome {
    None,
    Done {
        full_name: String,
        answer: ResetPasswordResponse,
    },
    Failed(ApiError),
}

#[component]
fn PeopleSearch() -> Html {
    let t = use_texts();
    let session = use_session();
    let navigator = use_navigator();
    let asked_unit = use_location()
        .and_then(|l| l.query::<PeopleQuery>().ok())
        .and_then(|q| q.unit);

    // The units offered: those the user holds a role on that may list people, and the one in
    // the address (reached from the tree) if it is another.
    let mut units: Vec<(String, String)> = Vec::new();
    if let Some(user) = session.user() {
        for grant in user
            .roles
            .iter()
            .filter(|g| PEOPLE_ROLES.contains(&g.role.as_str()))
        {
            if !units.iter().any(|(code, _)| *code == grant.unit_code) {
                units.push((grant.unit_code.clone(), grant.unit_name.clone()));
            }
        }
    }
    let current_grant_unit = session
        .current_grant()
        .filter(|g| PEOPLE_ROLES.contains(&g.role.as_str()))
        .map(|g| g.unit_code.clone());
    let default_unit = asked_unit
        .clone()
        .or(current_grant_unit)
        .or_else(|| units.first().map(|(code, _)| code.clone()))
        .unwrap_or_default();
    if !default_unit.is_empty() && !units.iter().any(|(code, _)| *code == default_unit) {
        units.push((default_unit.clone(), default_unit.clone()));
    }

    let unit = use_state(|| default_unit.clone());
    let text = use_state(String::new);
    let query = use_state(String::new);
    let page = use_state(|| 1i64);
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let reset = use_state(|| ResetOutcome::None);
    let reset_ref = use_node_ref();
    {
        let reset_ref = reset_ref.clone();
        use_effect_with((*reset).clone(), move |outcome| {
            if *outcome != ResetOutcome::None {
                focus(&reset_ref);
            }
        });
    }
    // Following a link from the tree to another unit while on this page.
    {
        let (unit, page) = (unit.clone(), page.clone());
        use_effect_with(asked_unit.clone(), move |asked| {
            if let Some(asked) = asked
                && *asked != *unit
            {
                unit.set(asked.clone());
                page.set(1);
            }
        });
    }

    let people = use_api_with(
        ((*unit).clone(), (*query).clone(), *page),
        |(unit, query, page)| {
            let (unit, query, page) = (unit.clone(), query.clone(), *page);
            async move { api::people(&unit, &query, page).await }
        },
    );

    let on_unit = {
        let (unit, page) = (unit.clone(), page.clone());
        Callback::from(move |code: String| {
            if let Some(navigator) = &navigator {
                let _ = navigator.replace_with_query(
                    &Route::People,
                    PeopleQuery {
                        unit: Some(code.clone()),
                    },
                );
            }
            page.set(1);
            unit.set(code);
        })
    };
    let on_text = {
        let (text, query, page) = (text.clone(), query.clone(), page.clone());
        Callback::from(move |value: String| {
            text.set(value.clone());
            let (query, page) = (query.clone(), page.clone());
            // Replacing the timer drops (cancels) the one still waiting.
            *timer.borrow_mut() = Some(Timeout::new(SEARCH_DELAY_MS, move || {
                page.set(1);
                query.set(value.trim().to_owned());
            }));
        })
    };
    let on_page = {
        let page = page.clone();
        Callback::from(move |n: i64| page.set(n))
    };
    let on_reset = {
        let (reset, reload) = (reset.clone(), people.reload.clone());
        Callback::from(move |person: PersonView| {
            let question = (t.reset_confirm)(&person.full_name, &person.username);
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(&question).ok())
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            let (reset, reload) = (reset.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::reset_password(&person.username).await {
                    Ok(answer) => {
                        reset.set(ResetOutcome::Done {
                            full_name: person.full_name.clone(),
                            answer,
                        });
                        reload.emit(());
                    }
                    Err(err) => reset.set(ResetOutcome::Failed(err)),
                }
            });
        })
    };

    if units.is_empty() {
        return html! {
            <EmptyState title={t.people_title} message={t.people_no_unit} />
        };
    }
    let unit_options = units
        .iter()
        .map(|(code, name)| {
            let text = if code == name {
                code.clone()
            } else {
                format!("{name} ({code})")
            };
            (AttrValue::from(code.clone()), AttrValue::from(text))
        })
        .collect::<Vec<_>>();
    let may_reset = session.may_reset_passwords();
    let results = match &people.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => html! {
            <ApiErrorAlert error={err.clone()} retry={people.reload.clone()} />
        },
        Remote::Ready(found) => html! {
            <>
                <p role="status" id="so-nguoi">
                    { if people.busy { t.searching.to_owned() } else { (t.people_count)(found.total) } }
                </p>
                if !found.people.is_empty() {
                    <PeopleTable people={found.people.clone()} may_reset={may_reset}
                        on_reset={on_reset.clone()} />
                }
                <Pager page={found.page} per_page={found.per_page} total={found.total}
                    on_page={on_page.clone()} />
            </>
        },
    };
    html! {
        <section class="card">
            <h1>{ t.people_title }</h1>
            <p>{ t.people_lead }</p>
            {
                match (*reset).clone() {
                    ResetOutcome::None => html! {},
                    ResetOutcome::Done { full_name, answer } => html! {
                        <Alert kind={AlertKind::Success} id="ma-kich-hoat-moi" node_ref={reset_ref.clone()}>
                            <p>{ (t.reset_done)(&full_name, &answer.username) }</p>
                            <p class="big-code">{ answer.activation_code.clone() }</p>
                            <p>{ t.reset_done_hint }</p>
                        </Alert>
                    },
                    ResetOutcome::Failed(err) => html! {
                        <ApiErrorAlert error={err} node_ref={reset_ref.clone()} />
                    },
                }
            }
            <div class="form-grid" role="search">
                <SelectField id="don-vi" label={t.unit_label} options={unit_options}
                    value={(*unit).clone()} on_change={on_unit} />
                <TextField id="tim-kiem" label={t.people_search_label} value={(*text).clone()}
                    on_input={on_text} input_type="search" hint={t.people_search_hint}
                    autocomplete="off" />
            </div>
            { results }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PeopleTableProps {
    people: Vec<PersonView>,
    may_reset: bool,
    on_reset: Callback<PersonView>,
}

#[component]
fn PeopleTable(props: &PeopleTableProps) -> Html {
    let t = use_texts();
    let dash = || html! { <span aria-label={t.not_applicable}>{ "—" }</span> };
    html! {
        <div class="table-wrap">
            <table class="responsive" id="danh-sach-nguoi-dung">
                <caption class="visually-hidden">{ t.people_title }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t.full_name_label }</th>
                        <th scope="col">{ t.username_label }</th>
                        <th scope="col">{ t.student_code_label }</th>
                        <th scope="col">{ t.birth_date_label }</th>
                        <th scope="col">{ t.class_label }</th>
                        <th scope="col">{ t.roles_label }</th>
                        <th scope="col">{ t.activated_label }</th>
                        if props.may_reset {
                            <th scope="col"><span class="visually-hidden">{ t.actions_label }</span></th>
                        }
                    </tr>
                </thead>
                <tbody>
                    { for props.people.iter().map(|person| {
                        let roles = person.roles.iter()
                            .map(|g| {
                                format!(
                                    "{} · {}",
                                    t.role_name(&g.role),
                                    crate::pages::units::titled(t, &g.unit_kind, &g.unit_name)
                                )
                            })
                            .collect::<Vec<_>>();
                        let on_reset = {
                            let on_reset = props.on_reset.clone();
                            let person = person.clone();
                            Callback::from(move |_: MouseEvent| on_reset.emit(person.clone()))
                        };
                        html! {
                            <tr>
                                <th scope="row" data-label={t.full_name_label}>{ person.full_name.clone() }</th>
                                <td data-label={t.username_label}><code>{ person.username.clone() }</code></td>
                                <td data-label={t.student_code_label}>
                                    { person.student_code.clone().map(Html::from).unwrap_or_else(dash) }
                                </td>
                                <td data-label={t.birth_date_label}>
                                    { person.birth_date.as_deref().map(|d| Html::from(format::date(d))).unwrap_or_else(dash) }
                                </td>
                                <td data-label={t.class_label}>
                                    { person.class_name.clone().or_else(|| person.class_code.clone())
                                        .map(Html::from).unwrap_or_else(dash) }
                                </td>
                                <td data-label={t.roles_label}>
                                    <ul class="plain">
                                        { for roles.into_iter().map(|r| html! { <li>{ r }</li> }) }
                                    </ul>
                                </td>
                                <td data-label={t.activated_label}>
                                    if person.activated {
                                        <span class="badge badge-ok">{ t.activated_yes }</span>
                                    } else {
                                        <span class="badge badge-warn">{ t.activated_no }</span>
                                    }
                                </td>
                                if props.may_reset {
                                    <td>
                                        <button type="button" class="btn btn-secondary btn-small"
                                            onclick={on_reset}
                                            aria-label={(t.reset_button_for)(&person.full_name)}>
                                            { t.reset_button }
                                        </button>
                                    </td>
                                }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
