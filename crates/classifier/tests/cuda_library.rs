//! libtorch's CUDA library is loaded at run time from the libtorch this process runs on
//! (the linker drops it from Rust binaries, so nothing else would load it). The PyPI wheel
//! the project installs is a CUDA build, so on a machine without a GPU the library loads
//! when forced, libtorch then sees no device, and asking for `cuda` is an error that says
//! so; unforced, a machine without an NVIDIA driver does not load it at all.

use std::process::Command;

use classifier::{CudaLibrary, LOAD_CUDA_ENV, load_cuda_library, parse_device};

fn mapped(name: &str) -> bool {
    std::fs::read_to_string("/proc/self/maps").is_ok_and(|maps| maps.contains(name))
}

fn driver_present() -> bool {
    ["/proc/driver/nvidia/version", "/dev/nvidiactl"]
        .iter()
        .any(|p| std::path::Path::new(p).exists())
}

#[test]
fn the_cuda_library_loads_from_the_libtorch_in_use() {
    if std::env::var(LOAD_CUDA_ENV).is_err() {
        // this process: unforced
        let status = load_cuda_library().clone();
        if !driver_present() {
            assert!(
                matches!(status, CudaLibrary::NoDriver(_)),
                "without a driver: {status:?}"
            );
            assert!(!mapped("libtorch_cuda.so"));
            let error = parse_device("cuda").unwrap_err().to_string();
            assert!(error.contains("no NVIDIA driver"), "{error}");
        }
        // a child process of this test, forced
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["the_cuda_library_loads_from_the_libtorch_in_use", "--exact"])
            .env(LOAD_CUDA_ENV, "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the forced child failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    // the forced child: the wheel's libtorch_cuda.so is loaded from libtorch's directory
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let cpu = maps
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .find(|p| p.ends_with("/libtorch_cpu.so"))
        .expect("libtorch_cpu.so is mapped");
    let expected = std::path::Path::new(cpu).with_file_name("libtorch_cuda.so");
    match load_cuda_library() {
        CudaLibrary::Loaded(path) => {
            assert_eq!(path, &expected);
            assert!(mapped("libtorch_cuda.so"));
            if !driver_present() {
                // loaded, but no GPU: libtorch says so, and so does the error
                assert_eq!(tch::Cuda::device_count(), 0);
                let error = parse_device("cuda:0").unwrap_err().to_string();
                assert!(error.contains("sees 0 CUDA devices"), "{error}");
            }
        }
        other => assert!(
            !expected.is_file(),
            "{} exists but did not load: {other:?}",
            expected.display()
        ),
    }
}
