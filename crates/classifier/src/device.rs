//! Choosing where the model runs: a parameter of every constructor, never a global.
//!
//! libtorch's CUDA kernels live in `libtorch_cuda.so`, which nothing in a Rust binary
//! references by symbol, so the linker drops it (`--as-needed`) and libtorch would never
//! see a GPU. [`load_cuda_library`] loads it at run time, from the directory of the
//! libtorch this process runs on, when the machine has an NVIDIA driver; asking for
//! `cuda` or `auto` does it first.

use std::ffi::{CStr, CString};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tch::Device;

use crate::error::{ClassifierError, Result};

/// Set to `1` to load libtorch's CUDA library even without an NVIDIA driver (to check
/// that it loads; CUDA still cannot run).
pub const LOAD_CUDA_ENV: &str = "HIGHSTAKES_LOAD_TORCH_CUDA";

/// Whether libtorch's CUDA library is in this process, and why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CudaLibrary {
    /// `libtorch_cuda.so` is loaded, from this path.
    Loaded(PathBuf),
    /// Not loaded: this machine has no NVIDIA driver (`libcuda.so.1` does not load), so
    /// CUDA cannot run here.
    NoDriver(String),
    /// Not loaded: the libtorch in use has no CUDA library (a CPU-only build), or it
    /// failed to load (the message says why).
    Unavailable(String),
}

impl CudaLibrary {
    /// Why CUDA cannot be used, or `None` when the library is loaded.
    pub fn reason(&self) -> Option<&str> {
        match self {
            CudaLibrary::Loaded(_) => None,
            CudaLibrary::NoDriver(why) | CudaLibrary::Unavailable(why) => Some(why),
        }
    }
}

/// Loads libtorch's CUDA library once per process (later calls return the first
/// answer): from the directory of the `libtorch_cpu.so` this process has mapped, with
/// its own dependencies (the CUDA runtime, cuBLAS, cuDNN) found through its rpath. Skipped
/// without an NVIDIA driver unless [`LOAD_CUDA_ENV`] is `1`.
pub fn load_cuda_library() -> &'static CudaLibrary {
    static LOADED: OnceLock<CudaLibrary> = OnceLock::new();
    LOADED.get_or_init(|| {
        let forced = std::env::var(LOAD_CUDA_ENV).is_ok_and(|v| v == "1");
        if !forced && let Err(why) = open_library(Path::new("libcuda.so.1"), false) {
            return CudaLibrary::NoDriver(format!(
                "this machine has no NVIDIA driver (libcuda.so.1: {why})"
            ));
        }
        let Some(dir) = libtorch_dir() else {
            return CudaLibrary::Unavailable(
                "libtorch_cpu.so is not mapped into this process, so libtorch's directory is unknown"
                    .into(),
            );
        };
        let path = dir.join("libtorch_cuda.so");
        if !path.is_file() {
            return CudaLibrary::Unavailable(format!(
                "the libtorch in {} has no CUDA library (a CPU-only build)",
                dir.display()
            ));
        }
        match open_library(&path, true) {
            Ok(()) => CudaLibrary::Loaded(path),
            Err(why) => CudaLibrary::Unavailable(format!("{}: {why}", path.display())),
        }
    })
}

/// `dlopen`s `path` (a bare name is searched for as the dynamic loader does); `global`
/// makes its symbols visible to libraries loaded later (libtorch's CUDA hooks).
fn open_library(path: &Path, global: bool) -> std::result::Result<(), String> {
    let name = CString::new(path.as_os_str().as_encoded_bytes())
        .map_err(|_| "the path has a NUL byte".to_string())?;
    let scope = if global {
        libc::RTLD_GLOBAL
    } else {
        libc::RTLD_LOCAL
    };
    let flags = libc::RTLD_NOW | scope;
    // SAFETY: `name` is a valid C string; dlopen/dlerror have no other preconditions, and
    // a loaded library is never closed.
    let handle = unsafe { libc::dlopen(name.as_ptr(), flags) };
    if handle.is_null() {
        // SAFETY: dlerror returns NULL or a C string valid until the next dl* call.
        let error = unsafe { libc::dlerror() };
        let why = if error.is_null() {
            "cannot be loaded".to_string()
        } else {
            // SAFETY: `error` is a non-null C string from dlerror, read before any other
            // dl* call.
            let text = unsafe { CStr::from_ptr(error) };
            text.to_string_lossy().into_owned()
        };
        return Err(why);
    }
    Ok(())
}

/// The directory of the `libtorch_cpu.so` mapped into this process (`/proc/self/maps`).
fn libtorch_dir() -> Option<PathBuf> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    maps.lines()
        .filter_map(|line| line.split_whitespace().nth(5))
        .find(|path| path.ends_with("/libtorch_cpu.so"))
        .and_then(|path| Path::new(path).parent().map(Path::to_path_buf))
}

/// The first CUDA GPU when libtorch sees one (after [`load_cuda_library`]), else the CPU.
pub fn default_device() -> Device {
    load_cuda_library();
    Device::cuda_if_available()
}

/// Parses `cpu`, `cuda`, `cuda:N` or `auto` ([`default_device`]). Asking for CUDA where it
/// cannot run is an error that says why (no driver, no CUDA library, no device).
pub fn parse_device(text: &str) -> Result<Device> {
    let bad = || {
        ClassifierError::Setting(format!(
            "unknown device `{text}` (cpu, cuda, cuda:N or auto)"
        ))
    };
    let index = match text.trim() {
        "cpu" => return Ok(Device::Cpu),
        "auto" => return Ok(default_device()),
        "cuda" => 0,
        other => other
            .strip_prefix("cuda:")
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or_else(bad)?,
    };
    if let Some(why) = load_cuda_library().reason() {
        return Err(ClassifierError::Setting(format!(
            "device `{text}`: CUDA is not available: {why}"
        )));
    }
    let count = tch::Cuda::device_count().max(0) as usize;
    if index < count {
        Ok(Device::Cuda(index))
    } else {
        Err(ClassifierError::Setting(format!(
            "device `{text}`: libtorch's CUDA library is loaded but sees {count} CUDA device{}",
            if count == 1 { "" } else { "s" }
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_parse_and_unknown_ones_are_errors() {
        assert_eq!(parse_device("cpu").unwrap(), Device::Cpu);
        assert!(parse_device("tpu").is_err());
        assert!(parse_device("cuda:x").is_err());
        if !tch::Cuda::is_available() {
            assert_eq!(parse_device("auto").unwrap(), Device::Cpu);
            let error = parse_device("cuda").unwrap_err().to_string();
            assert!(error.contains("CUDA is not available") || error.contains("sees 0"));
        }
    }
}
