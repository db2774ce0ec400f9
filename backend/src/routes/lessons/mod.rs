//! The lesson player: modules, lessons, progress and lesson media.

pub mod done;
pub mod feedback_save;
pub mod feedback_show;
pub mod media;
pub mod module_list;
pub mod module_show;
pub mod show;
