//! Reading `.safetensors` files one tensor at a time, so that a multi-gigabyte checkpoint
//! never sits in memory twice, with errors that name the file and the tensor.
//!
//! The format: 8 bytes (little-endian u64) giving the header's length, the header (JSON:
//! name → `{dtype, shape, data_offsets: [begin, end]}`, plus an optional
//! `__metadata__`), then the data, offsets counted from the end of the header.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde_json::Value;
use tch::{Kind, Tensor};

use crate::error::{GeneratorError, Result};

/// Largest header this reader accepts (safetensors' own limit).
const MAX_HEADER: u64 = 100_000_000;

/// Where one tensor lies in the file.
#[derive(Debug, Clone)]
pub(crate) struct TensorEntry {
    pub dtype: String,
    pub shape: Vec<i64>,
    begin: u64,
    end: u64,
}

/// An open safetensors file and its parsed header.
#[derive(Debug)]
pub(crate) struct SafetensorsFile {
    path: PathBuf,
    file: File,
    data_start: u64,
    pub entries: BTreeMap<String, TensorEntry>,
}

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
    /// Opens `path` and checks its header against the file's length.
    pub fn open(path: &Path) -> Result<Self> {
        let header_error = |m: String| GeneratorError::checkpoint(path, "<header>", m);
        let mut file = File::open(path).map_err(|e| GeneratorError::io(path, e))?;
        let file_len = file
            .metadata()
            .map_err(|e| GeneratorError::io(path, e))?
            .len();
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
            .map_err(|e| GeneratorError::io(path, e))?;
        let header: Value = serde_json::from_slice(&header)
            .map_err(|e| header_error(format!("the header is not JSON: {e}")))?;
        let Value::Object(header) = header else {
            return Err(header_error("the header is not a JSON object".into()));
        };
        let data_len = file_len - 8 - header_len;
        let mut entries = BTreeMap::new();
        for (name, info) in header {
            if name == "__metadata__" {
                continue;
            }
            let bad = |m: &str| GeneratorError::checkpoint(path, &name, m);
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
            let offsets = info["data_offsets"]
                .as_array()
                .and_then(|o| Some((o.first()?.as_u64()?, o.get(1)?.as_u64()?)))
                .ok_or_else(|| bad("no valid data_offsets in the header"))?;
            let (begin, end) = offsets;
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

    /// Reads tensor `name` (on the CPU, in the file's dtype).
    pub fn read(&mut self, name: &str) -> Result<Tensor> {
        let entry = self
            .entries
            .get(name)
            .ok_or_else(|| GeneratorError::checkpoint(&self.path, name, "not in the file"))?;
        let (kind, _) = kind_of(&entry.dtype).ok_or_else(|| {
            GeneratorError::checkpoint(
                &self.path,
                name,
                format!("unsupported dtype {}", entry.dtype),
            )
        })?;
        let mut bytes = vec![0u8; (entry.end - entry.begin) as usize];
        self.file
            .seek(SeekFrom::Start(self.data_start + entry.begin))
            .and_then(|_| self.file.read_exact(&mut bytes))
            .map_err(|e| GeneratorError::io(&self.path, e))?;
        Ok(Tensor::f_from_data_size(&bytes, &entry.shape, kind)?)
    }
}
