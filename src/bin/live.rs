//! Browser entry of a prerendered page's live parts (src/live.rs): a WASM module of its own,
//! so that a reader who only reads runs nothing of the app.

fn main() {
    meridian::live::start();
}
