//! Embeds the libtorch library directory (from the `torch` wheel in the project's
//! virtualenv, found by `torch-sys`) as an rpath, so that this crate's tests, benches and
//! examples run without the user exporting `LD_LIBRARY_PATH`.
fn main() {
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
