//! The little dense linear algebra the tests need: Cholesky of a small symmetric positive
//! definite matrix (an information or log-rank variance matrix), solves and the inverse.
// Index loops mirror the matrix formulas; iterator chains would hide them.
#![allow(clippy::needless_range_loop)]

/// Row-major square matrix.
pub(crate) type Matrix = Vec<Vec<f64>>;

pub(crate) fn zeros(n: usize) -> Matrix {
    vec![vec![0.0; n]; n]
}

/// Lower-triangular Cholesky factor, or the index of the first pivot that is not clearly
/// positive. "Clearly" is relative to the diagonal, so a covariate that is constant within
/// every risk set is caught instead of yielding a huge, meaningless inverse.
pub(crate) fn cholesky(a: &Matrix) -> Result<Matrix, usize> {
    let n = a.len();
    let scale = (0..n).map(|i| a[i][i].abs()).fold(0.0, f64::max);
    let tol = scale * 1e-12;
    let mut l = zeros(n);
    for j in 0..n {
        let mut d = a[j][j];
        for k in 0..j {
            d -= l[j][k] * l[j][k];
        }
        if d.is_nan() || d <= tol {
            return Err(j);
        }
        let d = d.sqrt();
        l[j][j] = d;
        for i in j + 1..n {
            let mut s = a[i][j];
            for k in 0..j {
                s -= l[i][k] * l[j][k];
            }
            l[i][j] = s / d;
        }
    }
    Ok(l)
}

/// Solves `L Lᵀ x = b`.
pub(crate) fn cholesky_solve(l: &Matrix, b: &[f64]) -> Vec<f64> {
    let n = l.len();
    let mut y = b.to_vec();
    for i in 0..n {
        for k in 0..i {
            y[i] -= l[i][k] * y[k];
        }
        y[i] /= l[i][i];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            y[i] -= l[k][i] * y[k];
        }
        y[i] /= l[i][i];
    }
    y
}

pub(crate) fn cholesky_inverse(l: &Matrix) -> Matrix {
    let n = l.len();
    let mut inv = zeros(n);
    for j in 0..n {
        let mut e = vec![0.0; n];
        e[j] = 1.0;
        let col = cholesky_solve(l, &e);
        for i in 0..n {
            inv[i][j] = col[i];
        }
    }
    // Symmetrize so the reported variance matrix is exactly symmetric.
    for i in 0..n {
        for j in 0..i {
            let m = 0.5 * (inv[i][j] + inv[j][i]);
            inv[i][j] = m;
            inv[j][i] = m;
        }
    }
    inv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_inverts() {
        let a = vec![vec![4.0, 2.0], vec![2.0, 3.0]];
        let l = cholesky(&a).expect("positive definite");
        let x = cholesky_solve(&l, &[2.0, 1.0]);
        assert!((x[0] - 0.5).abs() < 1e-15 && x[1].abs() < 1e-15);
        let inv = cholesky_inverse(&l);
        assert!((inv[0][0] - 0.375).abs() < 1e-15);
        assert!((inv[0][1] + 0.25).abs() < 1e-15);
        assert!((inv[1][1] - 0.5).abs() < 1e-15);
    }

    #[test]
    fn singular_is_reported() {
        let a = vec![vec![1.0, 1.0], vec![1.0, 1.0]];
        assert_eq!(cholesky(&a), Err(1));
    }
}
