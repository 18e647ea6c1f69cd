//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// A fixture directory or file under tests/fixtures (made by
/// python/make_generator_fixtures.py).
///
/// Also pins libtorch to one thread: the test harness already runs tests in parallel,
/// and OpenMP threads spinning on shared cores made the training test 12× slower
/// (measured: 18.9 s with libtorch's default threads on a busy 2-core machine, 1.5 s
/// with one).
#[allow(dead_code)] // each test binary uses its own subset of these helpers
pub fn fixture(name: &str) -> PathBuf {
    one_thread();
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// One libtorch thread per process (see [`fixture`]).
pub fn one_thread() {
    tch::set_num_threads(1);
}

/// Tensor `tensor` of a fixture model's expected.safetensors.
#[allow(dead_code)]
pub fn expected(model: &str, tensor: &str) -> tch::Tensor {
    let all = tch::Tensor::read_safetensors(fixture(model).join("expected.safetensors"))
        .expect("the fixture's expected.safetensors reads");
    all.into_iter()
        .find(|(name, _)| name == tensor)
        .unwrap_or_else(|| panic!("{tensor} missing from the fixture"))
        .1
}

/// Holds other libtorch-random tests off: libtorch's generator (initial weights,
/// dropout) is global to the process, so two trainings running at once would draw from
/// it in an unpredictable interleaving and stop being reproducible.
#[allow(dead_code)]
pub fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
