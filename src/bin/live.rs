//! Browser entry of a prerendered page's live parts (src/live.rs): a WASM module of its own,
//! so that a reader who only reads runs nothing of the app. The parts start in a task of
//! their own, after the one that compiled and instantiated the module: on a slow phone each
//! of the two is then a short task rather than one long one.

fn main() {
    meridian::browser::next_task(meridian::live::start);
}
