//! Choosing where the model runs: a parameter of every constructor, never a global.

use tch::Device;

use crate::error::{ClassifierError, Result};

/// The first CUDA GPU when libtorch sees one, else the CPU.
pub fn default_device() -> Device {
    Device::cuda_if_available()
}

/// Parses `cpu`, `cuda`, `cuda:N` or `auto` ([`default_device`]).
pub fn parse_device(text: &str) -> Result<Device> {
    let bad = || {
        ClassifierError::Setting(format!(
            "unknown device `{text}` (cpu, cuda, cuda:N or auto)"
        ))
    };
    match text.trim() {
        "cpu" => Ok(Device::Cpu),
        "auto" => Ok(default_device()),
        "cuda" => cuda(0).ok_or_else(bad),
        other => {
            let index = other
                .strip_prefix("cuda:")
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(bad)?;
            cuda(index).ok_or_else(|| {
                ClassifierError::Setting(format!(
                    "device `{text}`: libtorch sees {} CUDA devices",
                    tch::Cuda::device_count()
                ))
            })
        }
    }
}

fn cuda(index: usize) -> Option<Device> {
    (index < tch::Cuda::device_count() as usize).then_some(Device::Cuda(index))
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
            assert!(parse_device("cuda").is_err());
        }
    }
}
