//! Embeds the libtorch library directory (from the `torch` wheel in the project's
//! virtualenv, found by `torch-sys`) as an rpath, so that binaries, tests, benches and
//! examples run without the user exporting `LD_LIBRARY_PATH`. Every package of the
//! workspace that links libtorch builds with this one file (`package.build`); a package
//! that links it only under a feature (attacks) gets no rpath without it.
fn main() {
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
