//! `/quan-tri/don-vi` (the units the user may browse, `GET /api/units`) and
//! `/quan-tri/don-vi/:code` (one unit: where it sits, its details, its children, and the forms to
//! rename it and create a child, from `GET /api/units/{code}`). The forms are offered only where
//! the user's roles can use them; the server decides.

use std::collections::HashSet;

use hocdvc_api::{UnitPage, UnitView, UserInfo};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::alert::ApiErrorAlert;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::empty_state::EmptyState;
use crate::components::require_sign_in::RequireSignIn;
use crate::components::table::KeyValueTable;
use crate::components::unit_forms::{CreateUnitForm, RenameUnitForm};
use crate::hooks::use_api::{Remote, use_api, use_api_with};
use crate::hooks::use_title::use_title;
use crate::i18n::{Texts, use_texts};
use crate::pages::people::PeopleQuery;
use crate::services::api;
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct UnitsProps {
    /// `None`: the list of top units.
    pub code: Option<AttrValue>,
}

#[component]
pub fn Units(props: &UnitsProps) -> Html {
    let t = use_texts();
    use_title(t.units_title);
    html! {
        <RequireSignIn>
            if let Some(code) = &props.code {
                <UnitDetail code={code.clone()} />
            } else {
                <UnitList />
            }
        </RequireSignIn>
    }
}

/// The unit's kind in the current language (the server's Vietnamese label for unknown kinds).
pub fn kind_label(t: &Texts, unit: &UnitView) -> String {
    t.unit_kind(&unit.kind)
        .map(str::to_owned)
        .unwrap_or_else(|| unit.kind_label.clone())
}

/// How a unit is named in titles: schools import classes as "10A1", which reads as a class
/// only with its kind in front ("Lớp 10A1").
pub fn unit_title(t: &Texts, unit: &UnitView) -> String {
    titled(t, &unit.kind, &unit.name)
}

/// `unit_title` for a unit known by its kind and name (e.g. a role's unit).
pub fn titled(t: &Texts, kind: &str, name: &str) -> String {
    match t.unit_kind(kind) {
        Some(label)
            if kind == "class" && !name.to_lowercase().starts_with(&label.to_lowercase()) =>
        {
            format!("{label} {name}")
        }
        _ => name.to_owned(),
    }
}

/// "THPT", "Khối 10 · 2025-2026": what distinguishes units of the same kind.
fn unit_facts(t: &Texts, unit: &UnitView) -> String {
    let mut facts = Vec::new();
    if let Some(level) = &unit.school_level {
        facts.push(t.school_level(level).unwrap_or(level).to_owned());
    }
    if let Some(grade) = unit.grade {
        facts.push((t.grade_value)(grade));
    }
    if let Some(year) = &unit.school_year {
        facts.push(year.clone());
    }
    facts.join(" · ")
}

#[derive(Properties, PartialEq)]
struct UnitTableProps {
    caption: AttrValue,
    units: Vec<UnitView>,
}

#[component]
fn UnitTable(props: &UnitTableProps) -> Html {
    let t = use_texts();
    html! {
        <div class="table-wrap">
            <table class="responsive" id="don-vi-truc-thuoc">
                <caption>{ props.caption.clone() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t.unit_name_label }</th>
                        <th scope="col">{ t.unit_code_label }</th>
                        <th scope="col">{ t.unit_kind_label }</th>
                        <th scope="col">{ t.unit_facts_label }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.units.iter().map(|unit| html! {
                        <tr>
                            <td data-label={t.unit_name_label}>
                                <Link<Route> to={Route::Unit { code: unit.code.clone() }}>
                                    { unit_title(t, unit) }
                                </Link<Route>>
                            </td>
                            <td data-label={t.unit_code_label}><code>{ unit.code.clone() }</code></td>
                            <td data-label={t.unit_kind_label}>{ kind_label(t, unit) }</td>
                            <td data-label={t.unit_facts_label}>{ unit_facts(t, unit) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn UnitList() -> Html {
    let t = use_texts();
    let units = use_api(api::units);
    let body = match &units.state {
        Remote::Loading => html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} retry={units.reload.clone()} /> }
        }
        Remote::Ready(list) if list.is_empty() => html! {
            <EmptyState title={t.units_none_title} message={t.units_none_body} />
        },
        Remote::Ready(list) => html! {
            <UnitTable caption={t.units_top_caption} units={(**list).clone()} />
        },
    };
    html! {
        <section class="card">
            <h1>{ t.units_title }</h1>
            <p>{ t.units_lead }</p>
            { body }
        </section>
    }
}

/// What the signed-in user may change here, judged from their grants on the unit and above it
/// (only to decide which forms to show).
struct Powers {
    rename: bool,
    /// Kinds of child unit the user may create here.
    child_kinds: Vec<&'static str>,
}

const ALL_KINDS: [&str; 7] = [
    "province", "commune", "area", "school", "class", "agency", "team",
];

fn powers(user: &UserInfo, page: &UnitPage) -> Powers {
    let scope: HashSet<&str> = page
        .path
        .iter()
        .map(|u| u.code.as_str())
        .chain([page.unit.code.as_str()])
        .collect();
    let roles: HashSet<&str> = user
        .roles
        .iter()
        .filter(|g| scope.contains(g.unit_code.as_str()))
        .map(|g| g.role.as_str())
        .collect();
    let system_admin = roles.contains("system_admin");
    let school_admin = roles.contains("school_admin");
    let kind = page.unit.kind.as_str();
    // Classes belong in schools, and nothing goes inside a class.
    let child_kinds = match kind {
        "class" => Vec::new(),
        "school" if system_admin => ["class", "team"].to_vec(),
        "school" if school_admin => ["class"].to_vec(),
        _ if system_admin => ALL_KINDS
            .iter()
            .copied()
            .filter(|k| *k != "class" && *k != "province")
            .collect(),
        _ => Vec::new(),
    };
    Powers {
        rename: system_admin || (school_admin && kind == "class"),
        child_kinds,
    }
}

#[derive(Properties, PartialEq)]
struct UnitDetailProps {
    code: AttrValue,
}

#[component]
fn UnitDetail(props: &UnitDetailProps) -> Html {
    let t = use_texts();
    let session = use_session();
    let remote = use_api_with(props.code.clone(), |code| {
        let code = code.clone();
        async move { api::unit(&code).await }
    });
    let (data, reload) = match &remote.state {
        Remote::Loading => return html! { <p role="status">{ t.loading }</p> },
        Remote::Failed(err) => {
            return html! {
                <section class="card">
                    <h1>{ t.units_title }</h1>
                    <ApiErrorAlert error={err.clone()} retry={remote.reload.clone()} />
                    <Link<Route> to={Route::Units} classes="btn btn-secondary">
                        { t.units_back }
                    </Link<Route>>
                </section>
            };
        }
        Remote::Ready(data) => (data.clone(), remote.reload.clone()),
    };
    let unit = &data.unit;
    let powers = session
        .user()
        .map(|user| powers(user, &data))
        .unwrap_or(Powers {
            rename: false,
            child_kinds: Vec::new(),
        });
    let first_linked = session
        .user()
        .and_then(|user| {
            data.path
                .iter()
                .position(|u| user.roles.iter().any(|g| g.unit_code == u.code))
        })
        .unwrap_or(data.path.len());
    let mut details = vec![
        (
            AttrValue::from(t.unit_code_label),
            html! { <code>{ unit.code.clone() }</code> },
        ),
        (
            AttrValue::from(t.unit_kind_label),
            html! { { kind_label(t, unit) } },
        ),
    ];
    if let Some(level) = &unit.school_level {
        details.push((
            AttrValue::from(t.school_level_label),
            html! { { t.school_level(level).unwrap_or(level) } },
        ));
    }
    if let Some(grade) = unit.grade {
        details.push((AttrValue::from(t.grade_label), html! { { grade } }));
    }
    if let Some(year) = &unit.school_year {
        details.push((
            AttrValue::from(t.school_year_label),
            html! { { year.clone() } },
        ));
    }
    details.push((
        AttrValue::from(t.subtree_size_label),
        html! { { data.subtree_size } },
    ));
    let is_class = unit.kind == "class";
    html! {
        <>
            <Breadcrumb path={data.path.clone()} current={unit_title(t, unit)}
                first_linked={first_linked} />
            if remote.busy {
                <p role="status" class="loading-line">{ t.loading }</p>
            }
            <section class="card">
                <h1>{ unit_title(t, unit) }</h1>
                <KeyValueTable caption={t.unit_details_caption} rows={details} />
                <div class="actions">
                    if is_class {
                        <Link<Route> to={Route::ActivationSheet { code: unit.code.clone() }}
                            classes="btn" >
                            { t.print_activation_sheet }
                        </Link<Route>>
                    }
                    if session.may_view_people() {
                        <Link<Route, PeopleQuery> to={Route::People}
                            query={Some(PeopleQuery { unit: Some(unit.code.clone()) })}
                            classes="btn btn-secondary">
                            { t.unit_people_link }
                        </Link<Route, PeopleQuery>>
                    }
                </div>
            </section>
            <section class="card section">
                <h2>{ t.unit_children_title }</h2>
                if data.children.is_empty() {
                    <p>{ t.unit_children_none }</p>
                } else {
                    <UnitTable caption={(t.unit_children_caption)(data.children.len())}
                        units={data.children.clone()} />
                }
            </section>
            if !powers.child_kinds.is_empty() {
                <CreateUnitForm key={unit.code.clone()} parent={unit.clone()} kinds={powers.child_kinds.clone()}
                    on_saved={reload.clone()} />
            }
            if powers.rename {
                <RenameUnitForm key={format!("{}-ten", unit.code)} unit={unit.clone()} on_saved={reload} />
            }
        </>
    }
}
