//! Form fields: a visible label tied to its control, an optional hint, and an error that is
//! announced and linked with `aria-describedby`.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

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
    let hint_id = format!("{}-hint", props.id);
    let error_id = format!("{}-error", props.id);
    let described_by = [
        props.hint.as_ref().map(|_| hint_id.clone()),
        props.error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    html! {
        <div class={if props.inline { "lang-switch" } else { "field" }}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select
                id={props.id.clone()}
                onchange={on_change}
                aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={(!described_by.is_empty()).then_some(described_by)}
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
