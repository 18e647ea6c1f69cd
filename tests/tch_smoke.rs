//! Proves the libtorch link: `tch` runs a matmul and a backward pass on the libtorch of the
//! project's virtualenv, found through the rpath that `build.rs` embeds (no
//! `LD_LIBRARY_PATH` needed).

use tch::{Kind, Tensor};

#[test]
fn matmul_matches_hand_computed_values() {
    // [[1, 2], [3, 4]] x [[5, 6], [7, 8]] = [[19, 22], [43, 50]] (by hand)
    let a = Tensor::from_slice(&[1f32, 2., 3., 4.]).reshape([2, 2]);
    let b = Tensor::from_slice(&[5f32, 6., 7., 8.]).reshape([2, 2]);
    let c = a.matmul(&b);
    let got: Vec<f32> = Vec::try_from(c.flatten(0, -1)).unwrap();
    assert_eq!(got, vec![19., 22., 43., 50.]);
}

#[test]
fn backward_gives_the_analytic_gradient() {
    // y = sum(x^3) has dy/dx = 3 x^2: at x = (1, -2, 0.5) that is (3, 12, 0.75)
    let x = Tensor::from_slice(&[1f64, -2., 0.5]).set_requires_grad(true);
    let y = x.pow_tensor_scalar(3).sum(Kind::Double);
    y.backward();
    let grad: Vec<f64> = Vec::try_from(x.grad()).unwrap();
    assert_eq!(grad, vec![3., 12., 0.75]);
    // and run_backward, the saliency tool, agrees without touching .grad of others
    let x2 = Tensor::from_slice(&[1f64, -2., 0.5]).set_requires_grad(true);
    let y2 = x2.pow_tensor_scalar(3).sum(Kind::Double);
    let g = Tensor::f_run_backward(&[&y2], &[&x2], false, false).unwrap();
    let g: Vec<f64> = Vec::try_from(&g[0]).unwrap();
    assert_eq!(g, vec![3., 12., 0.75]);
}
