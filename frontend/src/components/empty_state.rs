//! What a page shows when there is nothing to list, with the way forward.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub title: AttrValue,
    pub message: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn EmptyState(props: &EmptyStateProps) -> Html {
    html! {
        <div class="empty">
            <h2>{ props.title.clone() }</h2>
            <p>{ props.message.clone() }</p>
            { props.children.clone() }
        </div>
    }
}
