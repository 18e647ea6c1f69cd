//! `.safetensors` files: read one tensor at a time, so that a multi-gigabyte checkpoint
//! never sits in memory twice, and written in fp32 with the metadata `transformers`
//! checks; errors name the file and the tensor.
//!
//! The format: 8 bytes (little-endian u64) giving the header's length, the header (JSON:
//! name → `{dtype, shape, data_offsets: [begin, end]}`, plus an optional
//! `__metadata__`), then the data, offsets counted from the end of the header.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use safetensors::{Dtype, tensor::TensorView};
use serde_json::Value;
use tch::{Device, Kind, Tensor};

use crate::error::{Error, Result};

/// Largest header this reader accepts (safetensors' own limit).
const MAX_HEADER: u64 = 100_000_000;

/// Where one tensor lies in the file, as its header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorEntry {
    /// The safetensors dtype (`F32`, `BF16`, `I64`…).
    pub dtype: String,
    /// The shape.
    pub shape: Vec<i64>,
    begin: u64,
    end: u64,
}

impl TensorEntry {
    /// Whether the dtype is a floating-point one (`F64`, `F32`, `F16`, `BF16`).
    pub fn is_float(&self) -> bool {
        matches!(self.dtype.as_str(), "F64" | "F32" | "F16" | "BF16")
    }
}

/// An open safetensors file and its parsed header.
#[derive(Debug)]
pub struct SafetensorsFile {
    path: PathBuf,
    file: File,
    data_start: u64,
    entries: BTreeMap<String, TensorEntry>,
}

/// The libtorch kind and the width in bytes of a safetensors dtype.
fn kind_of(dtype: &str) -> Option<(Kind, u64)> {
    Some(match dtype {
        "F64" => (Kind::Double, 8),
        "F32" => (Kind::Float, 4),
        "F16" => (Kind::Half, 2),
        "BF16" => (Kind::BFloat16, 2),
        "I64" => (Kind::Int64, 8),
        "I32" => (Kind::Int, 4),
        "I16" => (Kind::Int16, 2),
        "I8" => (Kind::Int8, 1),
        "U8" => (Kind::Uint8, 1),
        "BOOL" => (Kind::Bool, 1),
        _ => return None,
    })
}

impl SafetensorsFile {
    /// Opens `path` and checks its header against the file's length: every tensor's
    /// dtype is one libtorch has and its offsets fit its shape and the data.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let header_error = |message: String| Error::Header {
            path: path.to_path_buf(),
            message,
        };
        let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
        let file_len = file.metadata().map_err(|e| Error::io(path, e))?.len();
        let mut len_bytes = [0u8; 8];
        file.read_exact(&mut len_bytes)
            .map_err(|_| header_error(format!("not a safetensors file: {file_len} bytes long")))?;
        let header_len = u64::from_le_bytes(len_bytes);
        if header_len > MAX_HEADER || 8 + header_len > file_len {
            return Err(header_error(format!(
                "not a safetensors file: header length {header_len} with a file of {file_len} bytes"
            )));
        }
        let mut header = vec![0u8; header_len as usize];
        file.read_exact(&mut header)
            .map_err(|e| Error::io(path, e))?;
        let header: Value = serde_json::from_slice(&header).map_err(|e| {
            header_error(format!(
                "not a safetensors file: the header is not JSON: {e}"
            ))
        })?;
        let Value::Object(header) = header else {
            return Err(header_error(
                "not a safetensors file: the header is not a JSON object".into(),
            ));
        };
        let data_len = file_len - 8 - header_len;
        let mut entries = BTreeMap::new();
        for (name, info) in header {
            if name == "__metadata__" {
                continue;
            }
            let bad = |m: &str| Error::tensor(path, &name, m);
            let dtype = info["dtype"]
                .as_str()
                .ok_or_else(|| bad("no dtype in the header"))?
                .to_string();
            let (_, width) =
                kind_of(&dtype).ok_or_else(|| bad(&format!("unsupported dtype {dtype}")))?;
            let shape = info["shape"]
                .as_array()
                .and_then(|dims| {
                    dims.iter()
                        .map(|d| d.as_i64().filter(|&d| d >= 0))
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or_else(|| bad("no valid shape in the header"))?;
            let (begin, end) = info["data_offsets"]
                .as_array()
                .and_then(|o| Some((o.first()?.as_u64()?, o.get(1)?.as_u64()?)))
                .ok_or_else(|| bad("no valid data_offsets in the header"))?;
            let numel = shape.iter().try_fold(1u64, |n, &d| n.checked_mul(d as u64));
            let expected = numel.and_then(|n| n.checked_mul(width));
            if begin > end || end > data_len || Some(end - begin) != expected {
                return Err(bad(&format!(
                    "data_offsets [{begin}, {end}] do not fit shape {shape:?} of {dtype} in {data_len} data bytes"
                )));
            }
            entries.insert(
                name,
                TensorEntry {
                    dtype,
                    shape,
                    begin,
                    end,
                },
            );
        }
        Ok(SafetensorsFile {
            path: path.to_path_buf(),
            file,
            data_start: 8 + header_len,
            entries,
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The tensors the header lists, by name.
    pub fn entries(&self) -> &BTreeMap<String, TensorEntry> {
        &self.entries
    }

    /// Reads tensor `name` (on the CPU, in the file's dtype).
    pub fn read(&mut self, name: &str) -> Result<Tensor> {
        let entry = self
            .entries
            .get(name)
            .ok_or_else(|| Error::tensor(&self.path, name, "not in the file"))?;
        let (kind, _) = kind_of(&entry.dtype).ok_or_else(|| {
            Error::tensor(
                &self.path,
                name,
                format!("unsupported dtype {}", entry.dtype),
            )
        })?;
        let mut bytes = vec![0u8; (entry.end - entry.begin) as usize];
        self.file
            .seek(SeekFrom::Start(self.data_start + entry.begin))
            .and_then(|_| self.file.read_exact(&mut bytes))
            .map_err(|e| Error::io(&self.path, e))?;
        Tensor::f_from_data_size(&bytes, &entry.shape, kind)
            .map_err(|e| Error::tensor(&self.path, name, e.to_string()))
    }

    /// Reads every tensor (on the CPU, in the file's dtypes), in name order.
    pub fn read_all(&mut self) -> Result<Vec<(String, Tensor)>> {
        let names: Vec<String> = self.entries.keys().cloned().collect();
        names
            .into_iter()
            .map(|name| {
                let tensor = self.read(&name)?;
                Ok((name, tensor))
            })
            .collect()
    }
}

/// The bytes of a safetensors file holding `tensors` in fp32 (on any device, of any
/// floating-point kind), with the `{"format": "pt"}` metadata that `transformers`
/// checks; `path` names the file in errors.
pub fn f32_safetensors(tensors: &[(String, Tensor)], path: &Path) -> Result<Vec<u8>> {
    let mut buffers = Vec::with_capacity(tensors.len());
    for (name, t) in tensors {
        let t = t
            .f_detach()?
            .f_to(Device::Cpu)?
            .f_to_kind(Kind::Float)?
            .f_contiguous()?;
        let numel = t.numel();
        let mut bytes = vec![0u8; numel * 4];
        t.f_copy_data_u8(&mut bytes, numel)?;
        let shape: Vec<usize> = t.size().iter().map(|&d| d as usize).collect();
        buffers.push((name.as_str(), shape, bytes));
    }
    let views = buffers
        .iter()
        .map(|(name, shape, bytes)| {
            TensorView::new(Dtype::F32, shape.clone(), bytes)
                .map(|v| (*name, v))
                .map_err(|e| Error::tensor(path, *name, e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    let metadata = HashMap::from([("format".to_string(), "pt".to_string())]);
    safetensors::serialize(views, Some(metadata)).map_err(|e| Error::Header {
        path: path.to_path_buf(),
        message: format!("cannot serialise: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, bytes: &[u8]) -> PathBuf {
        let path = dir.join("model.safetensors");
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn written_tensors_read_back_in_fp32() {
        let dir = tempfile::tempdir().unwrap();
        let a = Tensor::from_slice(&[1.5f64, -2.0, 3.25, 0.0, 7.0, 8.0]).view([2, 3]);
        let b = Tensor::from_slice(&[4i64]);
        let bytes = f32_safetensors(
            &[("a".into(), a.shallow_clone()), ("b".into(), b)],
            dir.path(),
        )
        .unwrap();
        let mut file = SafetensorsFile::open(write(dir.path(), &bytes)).unwrap();
        assert_eq!(file.entries()["a"].shape, vec![2, 3]);
        assert!(file.entries()["a"].is_float() && file.entries()["b"].is_float());
        let all = file.read_all().unwrap();
        let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(all[0].1.kind(), Kind::Float);
        assert!(all[0].1.equal(&a.to_kind(Kind::Float)));
        assert_eq!(all[1].1.double_value(&[0]), 4.0);
    }

    #[test]
    fn malformed_files_name_the_file_and_the_tensor() {
        let dir = tempfile::tempdir().unwrap();
        let err = SafetensorsFile::open(write(dir.path(), b"not a tensor file"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("model.safetensors") && err.contains("not a safetensors file"),
            "{err}"
        );
        // a header that promises more data than the file holds, for tensor `w`
        let header = br#"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#;
        let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
        bytes.extend_from_slice(header);
        bytes.extend_from_slice(&[0u8; 8]);
        match SafetensorsFile::open(write(dir.path(), &bytes)) {
            Err(Error::Tensor { path, tensor, .. }) => {
                assert!(path.ends_with("model.safetensors"));
                assert_eq!(tensor, "w");
            }
            other => panic!("expected an error naming tensor `w`, got {other:?}"),
        }
        let mut file =
            SafetensorsFile::open(write(dir.path(), &[2, 0, 0, 0, 0, 0, 0, 0, b'{', b'}']))
                .unwrap();
        let err = file.read("absent").unwrap_err().to_string();
        assert!(
            err.contains("model.safetensors") && err.contains("`absent`"),
            "{err}"
        );
    }
}
