//! Logistic regression as the attribution models are fitted: full-batch
//! Adam over a fixed feature vector, an L2 penalty on every weight but the
//! bias, and the Wilson lower bound that thresholds are chosen by. Shared
//! by the training programs of the quotation model
//! (`examples/train_quote_model.rs`) and the anonymous-source decision
//! (`examples/train_anonymous_model.rs`), so both fit one way.

#![allow(dead_code)]

/// Passes of full-batch gradient descent (the loss flattens well before).
pub const EPOCHS: usize = 1500;
/// Adam's step size.
pub const RATE: f64 = 0.05;

pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The lower end of the Wilson score interval of `right` successes in `n`,
/// `z` standard errors below the estimate.
pub fn wilson_lower(right: usize, n: usize, z: f64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let n = n as f64;
    let p = right as f64 / n;
    let z2 = z * z;
    (p + z2 / (2.0 * n) - z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt()) / (1.0 + z2 / n)
}

/// The score of features `x` under weights `w`, the features not in `mask`
/// held at zero.
pub fn dot<const N: usize>(w: &[f64; N], x: &[f64; N], mask: &[bool; N]) -> f64 {
    (0..N).filter(|&k| mask[k]).map(|k| w[k] * x[k]).sum()
}

/// Fits weights on `rows` (each read as its features and whether it is a
/// positive by `example`), with the features not in `mask` held at zero
/// and penalty `l2` on every weight but the first (the bias).
pub fn fit<const N: usize, R>(
    rows: &[R],
    example: impl Fn(&R) -> (&[f64; N], bool),
    mask: &[bool; N],
    l2: f64,
) -> [f64; N] {
    let mut w = [0.0; N];
    let (mut m, mut v) = ([0.0; N], [0.0; N]);
    let (b1, b2, eps) = (0.9, 0.999, 1e-8);
    let n = rows.len().max(1) as f64;
    for epoch in 1..=EPOCHS {
        let mut g = [0.0; N];
        for r in rows {
            let (x, y) = example(r);
            let err = sigmoid(dot(&w, x, mask)) - f64::from(u8::from(y));
            for k in 0..N {
                if mask[k] {
                    g[k] += err * x[k] / n;
                }
            }
        }
        for k in 1..N {
            g[k] += l2 * w[k];
        }
        for k in 0..N {
            if !mask[k] {
                continue;
            }
            m[k] = b1 * m[k] + (1.0 - b1) * g[k];
            v[k] = b2 * v[k] + (1.0 - b2) * g[k] * g[k];
            let mh = m[k] / (1.0 - b1.powi(epoch as i32));
            let vh = v[k] / (1.0 - b2.powi(epoch as i32));
            w[k] -= RATE * mh / (vh.sqrt() + eps);
        }
    }
    w
}
