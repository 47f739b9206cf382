//! One name for the split build (`--features split` on wasm32, the release build of `dist/`):
//! `cfg(split_build)`, where code is split into WASM chunks (src/split.rs).

fn main() {
    // Without this, any file of the package (the sample content, docs) reruns it.
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rustc-check-cfg=cfg(split_build)");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    if split && std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-cfg=split_build");
    }
}
