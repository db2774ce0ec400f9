//! The full bundle: every page of Học DVC (staff pages included).

fn main() {
    hocdvc_frontend::start::<hocdvc_frontend::app::FullApp>();
}
