//! Previous / next page of a long list, with "page 2 of 5" between.

use yew::prelude::*;

use crate::i18n::use_texts;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    pub on_page: Callback<i64>,
}

#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let t = use_texts();
    let pages = if props.per_page > 0 {
        ((props.total + props.per_page - 1) / props.per_page).max(1)
    } else {
        1
    };
    if pages <= 1 {
        return html! {};
    }
    let go = |page: i64| {
        let on_page = props.on_page.clone();
        Callback::from(move |_: MouseEvent| on_page.emit(page))
    };
    html! {
        <nav class="pager" aria-label={t.pager_label}>
            <button type="button" class="btn btn-secondary" disabled={props.page <= 1}
                onclick={go(props.page - 1)}>
                { t.pager_previous }
            </button>
            <span>{ (t.pager_position)(props.page, pages) }</span>
            <button type="button" class="btn btn-secondary" disabled={props.page >= pages}
                onclick={go(props.page + 1)}>
                { t.pager_next }
            </button>
        </nav>
    }
}
