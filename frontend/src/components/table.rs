//! A key/value table with a caption; wide tables scroll sideways on small phones.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KeyValueTableProps {
    pub caption: AttrValue,
    /// `(heading, value)` rows.
    pub rows: Vec<(AttrValue, Html)>,
}

#[component]
pub fn KeyValueTable(props: &KeyValueTableProps) -> Html {
    html! {
        <div class="table-wrap">
            <table class="kv">
                <caption>{ props.caption.clone() }</caption>
                <tbody>
                    { for props.rows.iter().map(|(heading, value)| html! {
                        <tr><th scope="row">{ heading.clone() }</th><td>{ value.clone() }</td></tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
