//! The learner bundle: the pages a student uses, and nothing else, for phones on slow
//! connections.

fn main() {
    hocdvc_frontend::start::<hocdvc_frontend::app::LearnerApp>();
}
