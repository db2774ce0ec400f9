//! The two forms of the organisation-tree page: create a child unit (`POST /api/units`) and
//! rename a unit (`PATCH /api/units/{code}`). Each reports its own outcome next to it and asks
//! the page to reload when the tree changed.

use hocdvc_api::{CreateUnitRequest, UnitView, UpdateUnitRequest};
use yew::prelude::*;

use crate::components::alert::{Alert, AlertKind, ApiErrorAlert, focus};
use crate::components::field::{SelectField, TextField};
use crate::format;
use crate::i18n::use_texts;
use crate::services::api::{self, ApiError};

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Saved(AttrValue),
    Failed(ApiError),
}

/// Shows the outcome and moves focus to it when it changes.
#[hook]
fn use_outcome() -> (UseStateHandle<Outcome>, NodeRef) {
    let outcome = use_state(|| Outcome::None);
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((*outcome).clone(), move |outcome| {
            if *outcome != Outcome::None {
                focus(&node);
            }
        });
    }
    (outcome, node)
}

fn outcome_view(outcome: &Outcome, node: &NodeRef) -> Html {
    match outcome {
        Outcome::None => html! {},
        Outcome::Saved(message) => html! {
            <Alert kind={AlertKind::Success} node_ref={node.clone()}>{ message.clone() }</Alert>
        },
        Outcome::Failed(err) => {
            html! { <ApiErrorAlert error={err.clone()} node_ref={node.clone()} /> }
        }
    }
}

const LEVELS: [&str; 6] = ["thcs", "thpt", "lien_cap", "dai_hoc", "nghe", "gdtx"];

#[derive(Properties, PartialEq)]
pub struct CreateUnitFormProps {
    pub parent: UnitView,
    /// The kinds the user may create here; the first is preselected.
    pub kinds: Vec<&'static str>,
    pub on_saved: Callback<()>,
}

#[component]
pub fn CreateUnitForm(props: &CreateUnitFormProps) -> Html {
    let t = use_texts();
    let first_kind = props.kinds.first().copied().unwrap_or("class");
    let kind = use_state(|| first_kind.to_owned());
    let code = use_state(String::new);
    let name = use_state(String::new);
    let level = use_state(|| LEVELS[1].to_owned());
    let grade = use_state(|| "10".to_owned());
    let year = use_state(format::current_school_year);
    let missing = use_state(|| false);
    let busy = use_state(|| false);
    let (outcome, outcome_ref) = use_outcome();
    let code_ref = use_node_ref();
    let name_ref = use_node_ref();

    let onsubmit = {
        let (kind, code, name, level, grade, year) = (
            kind.clone(),
            code.clone(),
            name.clone(),
            level.clone(),
            grade.clone(),
            year.clone(),
        );
        let (missing, busy, outcome) = (missing.clone(), busy.clone(), outcome.clone());
        let (code_ref, name_ref) = (code_ref.clone(), name_ref.clone());
        let parent_code = props.parent.code.clone();
        let on_saved = props.on_saved.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            if code.trim().is_empty() || name.trim().is_empty() {
                missing.set(true);
                focus(if code.trim().is_empty() {
                    &code_ref
                } else {
                    &name_ref
                });
                return;
            }
            missing.set(false);
            let is_class = *kind == "class";
            let request = CreateUnitRequest {
                code: code.trim().to_owned(),
                name: name.trim().to_owned(),
                kind: (*kind).clone(),
                parent_code: parent_code.clone(),
                school_level: (*kind == "school").then(|| (*level).clone()),
                grade: if is_class { grade.parse().ok() } else { None },
                school_year: is_class.then(|| year.trim().to_owned()),
            };
            busy.set(true);
            let (busy, outcome, on_saved) = (busy.clone(), outcome.clone(), on_saved.clone());
            let (code, name) = (code.clone(), name.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::create_unit(request).await;
                busy.set(false);
                match result {
                    Ok(created) => {
                        code.set(String::new());
                        name.set(String::new());
                        outcome.set(Outcome::Saved((t.unit_created)(&created.name).into()));
                        on_saved.emit(());
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let kind_options = props
        .kinds
        .iter()
        .map(|k| {
            (
                AttrValue::from(*k),
                AttrValue::from(t.unit_kind(k).unwrap_or(k)),
            )
        })
        .collect::<Vec<_>>();
    let level_options = LEVELS
        .iter()
        .map(|l| {
            (
                AttrValue::from(*l),
                AttrValue::from(t.school_level(l).unwrap_or(l)),
            )
        })
        .collect::<Vec<_>>();
    let grade_options = (6..=12)
        .map(|g: i32| {
            (
                AttrValue::from(g.to_string()),
                AttrValue::from(g.to_string()),
            )
        })
        .collect::<Vec<_>>();
    let required = |value: &str| {
        (*missing && value.trim().is_empty()).then_some(AttrValue::from(t.field_required))
    };
    html! {
        <section class="card section" aria-labelledby="tao-don-vi">
            <h2 id="tao-don-vi">{ (t.unit_create_title)(&props.parent.name) }</h2>
            { outcome_view(&outcome, &outcome_ref) }
            <form onsubmit={onsubmit} novalidate=true class="form-grid">
                if props.kinds.len() > 1 {
                    <SelectField id="loai-don-vi" label={t.unit_kind_label} options={kind_options}
                        value={(*kind).clone()} on_change={set(&kind)} />
                }
                <TextField id="ma-don-vi-moi" label={t.unit_code_label} value={(*code).clone()} maxlength="32"
                    on_input={set(&code)} verbatim=true required=true hint={(t.unit_code_hint)(&props.parent.code)}
                    error={required(&code)} node_ref={code_ref} />
                <TextField id="ten-don-vi-moi" label={t.unit_name_label} value={(*name).clone()}
                    on_input={set(&name)} required=true
                    hint={if *kind == "class" { Some(AttrValue::from(t.class_name_hint)) } else { None }}
                    error={required(&name)} node_ref={name_ref} />
                if *kind == "school" {
                    <SelectField id="cap-hoc" label={t.school_level_label} options={level_options}
                        value={(*level).clone()} on_change={set(&level)} />
                }
                if *kind == "class" {
                    <SelectField id="khoi" label={t.grade_label} options={grade_options}
                        value={(*grade).clone()} on_change={set(&grade)} />
                    <TextField id="nam-hoc-lop" label={t.school_year_label} value={(*year).clone()}
                        on_input={set(&year)} verbatim=true hint={t.school_year_hint}
                        inputmode="numeric" maxlength="9" />
                }
                <div class="form-actions">
                    <button type="submit" class="btn" disabled={*busy}>
                        { if *busy { t.saving } else { t.unit_create_submit } }
                    </button>
                </div>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct RenameUnitFormProps {
    pub unit: UnitView,
    pub on_saved: Callback<()>,
}

#[component]
pub fn RenameUnitForm(props: &RenameUnitFormProps) -> Html {
    let t = use_texts();
    let name = use_state(|| props.unit.name.clone());
    let missing = use_state(|| false);
    let busy = use_state(|| false);
    let (outcome, outcome_ref) = use_outcome();
    let name_ref = use_node_ref();
    let onsubmit = {
        let (name, missing, busy, outcome) =
            (name.clone(), missing.clone(), busy.clone(), outcome.clone());
        let name_ref = name_ref.clone();
        let code = props.unit.code.clone();
        let on_saved = props.on_saved.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            if name.trim().is_empty() {
                missing.set(true);
                focus(&name_ref);
                return;
            }
            missing.set(false);
            busy.set(true);
            let request = UpdateUnitRequest {
                name: Some(name.trim().to_owned()),
                parent_code: None,
            };
            let (busy, outcome, on_saved, code) = (
                busy.clone(),
                outcome.clone(),
                on_saved.clone(),
                code.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::update_unit(&code, request).await;
                busy.set(false);
                match result {
                    Ok(unit) => {
                        outcome.set(Outcome::Saved((t.unit_renamed)(&unit.name).into()));
                        on_saved.emit(());
                    }
                    Err(err) => outcome.set(Outcome::Failed(err)),
                }
            });
        })
    };
    html! {
        <section class="card section" aria-labelledby="doi-ten-don-vi">
            <h2 id="doi-ten-don-vi">{ t.unit_rename_title }</h2>
            { outcome_view(&outcome, &outcome_ref) }
            <form onsubmit={onsubmit} novalidate=true>
                <TextField id="ten-moi" label={t.unit_new_name_label} value={(*name).clone()}
                    on_input={Callback::from({ let s = name.clone(); move |v| s.set(v) })}
                    required=true node_ref={name_ref}
                    error={(*missing).then_some(AttrValue::from(t.field_required))} />
                <button type="submit" class="btn" disabled={*busy}>
                    { if *busy { t.saving } else { t.unit_rename_submit } }
                </button>
            </form>
        </section>
    }
}
