//! Relative positions between query and key tokens, with DeBERTa's log buckets
//! (`build_relative_position` and `make_log_bucket_position` of `modeling_deberta_v2.py`).
//!
//! `rel[i][j] = i - j`. With `position_buckets > 0` a distance is kept as is while its
//! magnitude is at most half the bucket count (`mid`); beyond, it becomes
//! `sign · (ceil(ln(|rel| / mid) / ln((max_position - 1) / mid) · (mid - 1)) + mid)`.
//! The logarithms are computed on fp32 tensors, in the reference's order of operations,
//! so that `ceil` lands on the same integer as in PyTorch.

use tch::{Device, Kind, Tensor};

use crate::error::Result;

/// The `[length, length]` matrix of (bucketed) relative positions, as `int64`.
///
/// `bucket_size <= 0` or `max_position <= 0` means no bucketing.
pub fn relative_positions(
    length: i64,
    bucket_size: i64,
    max_position: i64,
    device: Device,
) -> Result<Tensor> {
    let ids = Tensor::f_arange(length, (Kind::Int64, device))?;
    let rel = ids.f_unsqueeze(1)?.f_sub(&ids.f_unsqueeze(0)?)?;
    if bucket_size > 0 && max_position > 0 {
        Ok(log_buckets(&rel, bucket_size, max_position)?.f_to_kind(Kind::Int64)?)
    } else {
        Ok(rel)
    }
}

/// The table rows of the `2 · length − 1` distances of a sequence (see
/// [`crate::model::attention::RelativeTables`]): `rows[c]` is `clamp(bucket(c − (length − 1)) + span, 0,
/// 2 · span − 1)`, the index `transformers` gathers for the distance `c − (length − 1)`;
/// the second tensor is the same reversed. Both int64, `[2 · length − 1]`.
pub fn distance_rows(
    length: i64,
    span: i64,
    bucket_size: i64,
    max_position: i64,
    device: Device,
) -> Result<(Tensor, Tensor)> {
    let rel = Tensor::f_arange_start(1 - length, length, (Kind::Int64, device))?;
    let bucketed = if bucket_size > 0 && max_position > 0 {
        log_buckets(&rel, bucket_size, max_position)?.f_to_kind(Kind::Int64)?
    } else {
        rel
    };
    let rows = bucketed.f_add_scalar(span)?.f_clamp(0, 2 * span - 1)?;
    let reversed = rows.f_flip([0])?;
    Ok((rows, reversed))
}

/// `make_log_bucket_position`: maps int64 relative positions to fp32 bucket positions.
fn log_buckets(rel: &Tensor, bucket_size: i64, max_position: i64) -> Result<Tensor> {
    let device = rel.device();
    let mid = bucket_size / 2;
    let sign = rel.f_sign()?;
    let inside = rel.f_lt(mid)?.f_logical_and(&rel.f_gt(-mid)?)?;
    let filler = Tensor::f_full([], mid - 1, (Kind::Int64, device))?;
    let abs_pos = filler.f_where_self(&inside, &rel.f_abs()?)?;
    // torch.log(torch.tensor((max_position - 1) / mid)): a Python float made fp32
    let ratio = ((max_position - 1) as f64 / mid as f64) as f32;
    let log_ratio = Tensor::f_from_slice(&[ratio])?.f_to(device)?.f_log()?;
    let log_pos = abs_pos
        .f_to_kind(Kind::Float)?
        .f_div_scalar(mid)?
        .f_log()?
        .f_div(&log_ratio)?
        .f_mul_scalar(mid - 1)?
        .f_ceil()?
        .f_add_scalar(mid)?;
    let near = abs_pos.f_le(mid)?;
    Ok(rel
        .f_to_kind(Kind::Float)?
        .f_where_self(&near, &log_pos.f_mul(&sign)?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_distances_are_identity_and_large_ones_are_compressed() {
        // bucket_size 8 (mid 4), max_position 64: |rel| <= 4 stays; rel = 10 gives
        // ceil(ln(10/4) / ln(63/4) * 3) + 4 = ceil(0.9164 / 2.7568 * 3) + 4 = ceil(0.997) + 4 = 5
        // and rel = 40: ceil(ln(10) / ln(15.75) * 3) + 4 = ceil(2.506) + 4 = 7 (by hand)
        let r = relative_positions(41, 8, 64, Device::Cpu).unwrap();
        let row: Vec<i64> = Vec::try_from(r.get(40)).unwrap();
        assert_eq!(row[40], 0);
        assert_eq!(row[36], 4);
        assert_eq!(row[30], 5);
        assert_eq!(row[0], 7);
        let row0: Vec<i64> = Vec::try_from(r.get(0)).unwrap();
        assert_eq!(row0[3], -3);
        assert_eq!(row0[40], -7);
    }

    #[test]
    fn distance_rows_are_the_gather_indices_of_each_distance() {
        // c2p reads row clamp(rel[i][j] + span) for i − j = c − (L − 1): compare with the
        // matrix for every (i, j), bucketed (8 buckets, mid 4, clamped at span 4) or not
        for (buckets, max, span) in [(8, 64, 4), (0, 6, 6), (256, 512, 256)] {
            let l = 20;
            let m = relative_positions(l, buckets, max, Device::Cpu).unwrap();
            let (rows, reversed) = distance_rows(l, span, buckets, max, Device::Cpu).unwrap();
            let rows: Vec<i64> = Vec::try_from(rows).unwrap();
            let reversed: Vec<i64> = Vec::try_from(reversed).unwrap();
            assert_eq!(rows.len(), 2 * l as usize - 1);
            for i in 0..l {
                let row: Vec<i64> = Vec::try_from(m.get(i)).unwrap();
                for j in 0..l {
                    let want = (row[j as usize] + span).clamp(0, 2 * span - 1);
                    assert_eq!(rows[(i - j + l - 1) as usize], want, "{buckets} {i} {j}");
                    assert_eq!(reversed[(l - 1 - i + j) as usize], want);
                }
            }
        }
    }

    #[test]
    fn without_buckets_positions_are_plain_differences() {
        let r = relative_positions(3, 0, 512, Device::Cpu).unwrap();
        let v: Vec<i64> = Vec::try_from(r.flatten(0, -1)).unwrap();
        assert_eq!(v, vec![0, -1, -2, 1, 0, -1, 2, 1, 0]);
    }
}
