//! Form fields: a visible label tied to its control, an optional hint, and an error that is
//! announced and linked with `aria-describedby`.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The ids of the hint and error lines, and the `aria-describedby` value naming those shown.
fn described_by(
    id: &str,
    hint: Option<&AttrValue>,
    error: Option<&AttrValue>,
) -> (String, String, Option<String>) {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let ids = [
        hint.map(|_| hint_id.clone()),
        error.map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    (hint_id, error_id, (!ids.is_empty()).then_some(ids))
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// `(value, visible text)` pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Label and control on one line (for compact places such as the footer).
    #[prop_or_default]
    pub inline: bool,
    /// The label is read by screen readers but not shown (where the context says it).
    #[prop_or_default]
    pub label_hidden: bool,
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let on_change = {
        let callback = props.on_change.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                callback.emit(select.value());
            }
        })
    };
    let (hint_id, error_id, described_by) =
        described_by(&props.id, props.hint.as_ref(), props.error.as_ref());
    html! {
        <div class={if props.inline { "lang-switch" } else { "field" }}>
            <label for={props.id.clone()} class={props.label_hidden.then_some("visually-hidden")}>
                { props.label.clone() }
            </label>
            <select
                id={props.id.clone()}
                onchange={on_change}
                aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={described_by}
            >
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == props.value}>{ text.clone() }</option>
                }) }
            </select>
            if let Some(hint) = &props.hint {
                <span class="hint" id={hint_id}>{ hint.clone() }</span>
            }
            if let Some(error) = &props.error {
                <span class="error" id={error_id} role="alert">{ error.clone() }</span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_input: Callback<String>,
    /// `text`, `password`, `search`, `date` …
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    /// For usernames, codes and passwords: phones must not capitalise or "correct" them.
    #[prop_or_default]
    pub verbatim: bool,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub maxlength: Option<AttrValue>,
    #[prop_or_default]
    pub node_ref: NodeRef,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let on_input = {
        let callback = props.on_input.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                callback.emit(input.value());
            }
        })
    };
    let (hint_id, error_id, described_by) =
        described_by(&props.id, props.hint.as_ref(), props.error.as_ref());
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input
                id={props.id.clone()}
                name={props.id.clone()}
                type={props.input_type.clone()}
                value={props.value.clone()}
                oninput={on_input}
                ref={props.node_ref.clone()}
                required={props.required}
                autocomplete={props.autocomplete.clone()}
                inputmode={props.inputmode.clone()}
                maxlength={props.maxlength.clone()}
                autocapitalize={props.verbatim.then_some("none")}
                autocorrect={props.verbatim.then_some("off")}
                spellcheck={props.verbatim.then_some("false")}
                aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={described_by}
            />
            if let Some(hint) = &props.hint {
                <span class="hint" id={hint_id}>{ hint.clone() }</span>
            }
            if let Some(error) = &props.error {
                <span class="error" id={error_id}>{ error.clone() }</span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ShowPasswordProps {
    pub shown: bool,
    pub on_toggle: Callback<bool>,
}

/// "Hiện mật khẩu": on a phone keyboard a typo in a hidden password is hard to spot.
#[component]
pub fn ShowPassword(props: &ShowPasswordProps) -> Html {
    let t = crate::i18n::use_texts();
    let on_toggle = props.on_toggle.clone();
    let shown = props.shown;
    html! {
        <div class="check">
            <input type="checkbox" id="hien-mat-khau" checked={shown}
                onchange={Callback::from(move |_: Event| on_toggle.emit(!shown))} />
            <label for="hien-mat-khau">{ t.show_password }</label>
        </div>
    }
}
