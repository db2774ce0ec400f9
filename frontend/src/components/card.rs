//! A titled box of content.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Card(props: &CardProps) -> Html {
    html! {
        <section class="card">
            <h3>{ props.title.clone() }</h3>
            { props.children.clone() }
        </section>
    }
}
