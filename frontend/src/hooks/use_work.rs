//! Loading a class-work page's data ([`api::work`]): one hook for the to-do list, assigning,
//! progress and family-task pages, so the WebAssembly holds one copy of the loading machinery.

use yew::prelude::*;

use crate::hooks::use_api::{UseApi, use_api_with};
use crate::services::api::{self, WorkData, WorkQuery};

#[hook]
pub fn use_work(query: WorkQuery) -> UseApi<WorkData> {
    use_api_with(query, |query| api::work(query.clone()))
}
