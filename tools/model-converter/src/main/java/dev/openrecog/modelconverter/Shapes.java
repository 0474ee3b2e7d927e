package dev.openrecog.modelconverter;

import java.util.Arrays;

/**
 * Static shape helpers. A shape is a {@code long[]} whose unknown dimensions are {@code -1}; an unknown rank is
 * {@code null}.
 */
final class Shapes {
    private Shapes() {
    }

    /** Element count; the shape must be fully known. */
    static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape not fully known: " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    static boolean known(long[] shape) {
        if (shape == null) {
            return false;
        }
        for (long d : shape) {
            if (d < 0) {
                return false;
            }
        }
        return true;
    }

    /** NumPy / ONNX multidirectional broadcast of two shapes; null when either rank is unknown. */
    static long[] broadcast(long[] a, long[] b, String where) {
        if (a == null || b == null) {
            return null;
        }
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da == db) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else if (db == 1) {
                out[i] = da;
            } else if (da < 0) {
                out[i] = db;
            } else if (db < 0) {
                out[i] = da;
            } else {
                throw new ConversionException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast at " + where);
            }
        }
        return out;
    }

    /** Normalises a possibly negative axis against a rank. */
    static int axis(long axis, int rank, String where) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ConversionException("axis " + axis + " out of range for rank " + rank + " at " + where);
        }
        return (int) a;
    }

    /** Permutes a shape: out[i] = shape[perm[i]]. */
    static long[] permute(long[] shape, long[] perm) {
        if (shape == null) {
            return null;
        }
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = shape[(int) perm[i]];
        }
        return out;
    }

    /** Row-major strides of a fully known shape. */
    static long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    static String str(long[] shape) {
        return shape == null ? "?" : Arrays.toString(shape);
    }
}
