//! ndarray views as the slices the statistics are computed on: every public function that
//! takes a vector of numbers accepts `impl Into<ArrayView1<'a, A>>` (a slice, a `Vec`, an
//! array `[A; N]`, an ndarray [`ndarray::Array1`] or view), and computes on the same
//! elements as a slice, so both paths give the same numbers bit for bit.

use std::borrow::Cow;

use ndarray::ArrayView1;

/// The elements of `view` in order, as a slice: borrowed when they are contiguous and
/// ascending in memory (a view of a slice, a `Vec` or a standard-layout array), copied
/// otherwise (a strided or reversed view).
pub(crate) fn as_slice<A: Clone>(view: ArrayView1<'_, A>) -> Cow<'_, [A]> {
    match view.to_slice() {
        Some(slice) => Cow::Borrowed(slice),
        None => Cow::Owned(view.to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use ndarray::{Array1, s};

    use super::*;

    #[test]
    fn contiguous_views_are_borrowed_and_strided_ones_copied() {
        let data = [1.0, 2.0, 3.0, 4.0];
        assert!(matches!(as_slice(ArrayView1::from(&data)), Cow::Borrowed(s) if s == data));
        let array = Array1::from(data.to_vec());
        let strided = array.slice(s![..;2]);
        assert!(matches!(as_slice(strided), Cow::Owned(v) if v == [1.0, 3.0]));
        let reversed = array.slice(s![..;-1]);
        assert_eq!(&*as_slice(reversed), &[4.0, 3.0, 2.0, 1.0]);
    }
}
