package d2l.mlp.stats;

import java.util.Arrays;
import java.util.List;

/** The small statistics the experiments report, on plain Java arrays: one copy of each, tested in one place. */
public final class Statistics {

    private Statistics() {}

    /** The median; the mean of the two middle values for an even count. */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** {@link #median(double[])} of a list. */
    public static double median(List<Double> v) {
        return median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The index of the largest value; the first of equals. */
    public static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The arg-max of each row of {@code values}, rows of {@code columns} laid end to end; the first of equals. */
    public static int[] argMaxPerRow(float[] values, int columns) {
        int[] best = new int[values.length / columns];
        for (int r = 0; r < best.length; r++) {
            for (int j = 1; j < columns; j++) {
                if (values[r * columns + j] > values[r * columns + best[r]]) {
                    best[r] = j;
                }
            }
        }
        return best;
    }

    /** The share of {@code predicted} equal to {@code labels}. */
    public static double accuracy(int[] predicted, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }

    /** The share of each class {@code 0 … classes−1} among {@code labels}. */
    public static double[] frequencies(int[] labels, int classes) {
        double[] f = new double[classes];
        for (int l : labels) {
            f[l]++;
        }
        for (int c = 0; c < classes; c++) {
            f[c] /= labels.length;
        }
        return f;
    }

    /** Quantiles of {@code v} at the levels {@code probs}, by linear interpolation between order statistics. */
    public static double[] quantiles(double[] v, double[] probs) {
        double[] s = v.clone();
        Arrays.sort(s);
        double[] q = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            double at = probs[i] * (s.length - 1);
            int lo = (int) Math.floor(at);
            int hi = Math.min(lo + 1, s.length - 1);
            q[i] = s[lo] + (at - lo) * (s[hi] - s[lo]);
        }
        return q;
    }

    /** Pearson correlation of {@code a} and {@code b}. */
    public static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Each value capped at {@code max}. */
    public static double[] clipped(double[] v, double max) {
        return Arrays.stream(v).map(x -> Math.min(x, max)).toArray();
    }

    /** {@code v} scaled to mean 1. */
    public static double[] normalized(double[] v) {
        double mean = Arrays.stream(v).average().orElseThrow();
        return Arrays.stream(v).map(x -> x / mean).toArray();
    }

    /** The natural logarithm of each value. */
    public static double[] log(double[] v) {
        return Arrays.stream(v).map(Math::log).toArray();
    }
}
