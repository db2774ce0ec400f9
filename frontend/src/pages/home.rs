//! `/`: what Học DVC is, who it serves, the plan's targets and what learners study; for a
//! signed-in civil servant or team member, first their annual training this year.

use yew::prelude::*;

use crate::components::alert::{Alert, AlertKind};
use crate::components::card::Card;
use crate::components::progress_bar::ProgressBar;
use crate::hooks::use_title::use_title;
use crate::i18n::use_texts;
use crate::pages::training::MyTrainingCard;
use crate::session::use_session;

#[component]
pub fn Home() -> Html {
    let t = use_texts();
    use_title("");
    let session = use_session();
    html! {
        <>
            <section class="hero">
                <p class="kicker">{ t.tagline }</p>
                <h1>{ t.home_title }</h1>
                <p class="lead">{ t.home_lead }</p>
            </section>
            // Agency and team members see this year's training first.
            if session.is_civil_servant() {
                <MyTrainingCard />
            }
            <section class="section" aria-labelledby="ai-dung">
                <h2 id="ai-dung">{ t.home_who_title }</h2>
                <div class="grid three">
                    { for t.home_roles.iter().map(|(who, what)| html! {
                        <Card title={*who}><p>{ *what }</p></Card>
                    }) }
                </div>
            </section>
            <section class="section card" aria-labelledby="chi-tieu">
                <h2 id="chi-tieu">{ t.home_targets_title }</h2>
                <p>{ t.home_targets_intro }</p>
                { for t.home_targets.iter().map(|(label, percent)| html! {
                    <ProgressBar
                        label={*label}
                        percent={f64::from(*percent)}
                        value_text={format!("{} {}%", t.target_label, percent)}
                    />
                }) }
                <Alert kind={AlertKind::Info}>{ t.home_targets_note }</Alert>
            </section>
            <section class="section card" aria-labelledby="noi-dung-hoc">
                <h2 id="noi-dung-hoc">{ t.home_topics_title }</h2>
                <ul>
                    { for t.home_topics.iter().map(|topic| html! { <li>{ *topic }</li> }) }
                </ul>
            </section>
        </>
    }
}
