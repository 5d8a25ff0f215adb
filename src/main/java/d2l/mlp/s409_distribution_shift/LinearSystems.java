package d2l.mlp.s409_distribution_shift;

/**
 * The small dense linear algebra the label-shift estimate needs, in plain doubles: a 10 × 10 system is solved faster
 * than a tensor could be made for it, and two independent methods check each other.
 */
public final class LinearSystems {

    private LinearSystems() {}

    /**
     * The solution of {@code a · x = b} for a square {@code a}, by Gaussian elimination with partial pivoting.
     *
     * @throws IllegalArgumentException when the sizes disagree or {@code a} is singular to working precision
     */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a.length != n || a[i].length != n) {
                throw new IllegalArgumentException("solve needs an n×n matrix for a right-hand side of length " + n);
            }
            m[i] = new double[n + 1];
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        double scale = maxAbs(a);
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][col]) <= 1e-12 * scale) {
                throw new IllegalArgumentException("the matrix is singular (no usable pivot in column " + col + ")");
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    /**
     * The {@code x} that minimizes {@code ‖a · x − b‖₂} for an {@code m × n} matrix {@code a} of full column rank
     * ({@code m ≥ n}), by Householder QR: {@code R x = Qᵀ b}. For a square, invertible {@code a} it is the solution
     * of the system, found without elimination — the second computation {@link #solve} is checked against.
     */
    public static double[] leastSquares(double[][] a, double[] b) {
        int rows = a.length;
        int n = a[0].length;
        if (b.length != rows || rows < n) {
            throw new IllegalArgumentException(
                    "least squares needs m ≥ n and b of length m, got a " + rows + "×" + n + ", b of " + b.length);
        }
        double[][] r = new double[rows][];
        for (int i = 0; i < rows; i++) {
            r[i] = a[i].clone();
        }
        double[] qtb = b.clone();
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < rows; i++) {
                norm += r[i][k] * r[i][k];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                throw new IllegalArgumentException("the matrix has dependent columns (column " + k + ")");
            }
            double alpha = r[k][k] > 0 ? -norm : norm; // the sign that avoids cancellation
            double[] v = new double[rows];
            v[k] = r[k][k] - alpha;
            for (int i = k + 1; i < rows; i++) {
                v[i] = r[i][k];
            }
            double vv = 0;
            for (int i = k; i < rows; i++) {
                vv += v[i] * v[i];
            }
            // reflect the remaining columns and b: y ← y − 2 v (vᵀ y) / (vᵀ v)
            for (int c = k; c < n; c++) {
                double dot = 0;
                for (int i = k; i < rows; i++) {
                    dot += v[i] * r[i][c];
                }
                for (int i = k; i < rows; i++) {
                    r[i][c] -= 2 * v[i] * dot / vv;
                }
            }
            double dot = 0;
            for (int i = k; i < rows; i++) {
                dot += v[i] * qtb[i];
            }
            for (int i = k; i < rows; i++) {
                qtb[i] -= 2 * v[i] * dot / vv;
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = qtb[i];
            for (int c = i + 1; c < n; c++) {
                s -= r[i][c] * x[c];
            }
            x[i] = s / r[i][i];
        }
        return x;
    }

    /** {@code a · x}. */
    public static double[] times(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] += a[i][j] * x[j];
            }
        }
        return y;
    }

    /** {@code Σ |a_i − b_i|}. */
    public static double l1(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s;
    }

    private static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
