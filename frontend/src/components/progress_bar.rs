//! A labelled progress bar on the native `<progress>` element (no inline styles, so the strict
//! CSP holds; screen readers announce the value).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProgressBarProps {
    pub label: AttrValue,
    /// 0–100.
    pub percent: f64,
    /// Shown at the right of the label, e.g. "80%".
    pub value_text: AttrValue,
}

#[component]
pub fn ProgressBar(props: &ProgressBarProps) -> Html {
    let percent = props.percent.clamp(0.0, 100.0);
    html! {
        <div class="progress">
            <div class="progress-label">
                <span>{ props.label.clone() }</span>
                <strong>{ props.value_text.clone() }</strong>
            </div>
            <progress max="100" value={percent.to_string()} aria-label={props.label.clone()}>
                { props.value_text.clone() }
            </progress>
        </div>
    }
}
