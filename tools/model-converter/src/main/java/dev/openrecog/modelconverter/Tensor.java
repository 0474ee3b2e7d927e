package dev.openrecog.modelconverter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** An immutable dense constant: element type, shape and row-major data. */
public final class Tensor {
    private final DType type;
    private final long[] shape;
    private final Object data;

    private Tensor(DType type, long[] shape, Object data) {
        this.type = type;
        this.shape = shape.clone();
        this.data = data;
        long n = Shapes.size(shape);
        if (n != length(data)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements, data has " + length(data));
        }
    }

    private static int length(Object data) {
        if (data instanceof float[]) {
            return ((float[]) data).length;
        }
        if (data instanceof int[]) {
            return ((int[]) data).length;
        }
        if (data instanceof long[]) {
            return ((long[]) data).length;
        }
        return ((boolean[]) data).length;
    }

    public static Tensor ofFloats(long[] shape, float... values) {
        return new Tensor(DType.FLOAT, shape, values);
    }

    public static Tensor ofInts(long[] shape, int... values) {
        return new Tensor(DType.INT32, shape, values);
    }

    public static Tensor ofLongs(long[] shape, long... values) {
        return new Tensor(DType.INT64, shape, values);
    }

    public static Tensor ofBools(long[] shape, boolean... values) {
        return new Tensor(DType.BOOL, shape, values);
    }

    /** A zero-filled tensor. */
    public static Tensor zeros(DType type, long[] shape) {
        int n = Math.toIntExact(Shapes.size(shape));
        switch (type) {
            case FLOAT:
                return ofFloats(shape, new float[n]);
            case INT32:
                return ofInts(shape, new int[n]);
            case INT64:
                return ofLongs(shape, new long[n]);
            default:
                return ofBools(shape, new boolean[n]);
        }
    }

    public DType type() {
        return type;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return length(data);
    }

    public float[] floats() {
        requireType(DType.FLOAT);
        return (float[]) data;
    }

    public int[] ints() {
        requireType(DType.INT32);
        return (int[]) data;
    }

    public long[] longs() {
        requireType(DType.INT64);
        return (long[]) data;
    }

    public boolean[] bools() {
        requireType(DType.BOOL);
        return (boolean[]) data;
    }

    private void requireType(DType t) {
        if (type != t) {
            throw new IllegalStateException("tensor is " + type + ", not " + t);
        }
    }

    /** Element {@code i} as a double, whatever the type. */
    public double getDouble(int i) {
        switch (type) {
            case FLOAT:
                return ((float[]) data)[i];
            case INT32:
                return ((int[]) data)[i];
            case INT64:
                return ((long[]) data)[i];
            default:
                return ((boolean[]) data)[i] ? 1 : 0;
        }
    }

    /** Integer elements as longs (int32, int64 or bool); floats are refused. */
    public long[] toLongs() {
        if (type == DType.FLOAT) {
            throw new IllegalStateException("float tensor where integers are needed");
        }
        if (type == DType.INT64) {
            return ((long[]) data).clone();
        }
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) getDouble(i);
        }
        return out;
    }

    /** The single element of a scalar or one-element tensor, as a long. */
    public long scalarLong() {
        if (size() != 1) {
            throw new IllegalStateException("expected one element, got shape " + Arrays.toString(shape));
        }
        return toLongs()[0];
    }

    /** Same data, another shape with the same element count. */
    public Tensor reshape(long[] newShape) {
        return new Tensor(type, newShape, data);
    }

    /** Raw little-endian bytes as ONNX {@code raw_data} wants them. */
    public byte[] rawBytes() {
        int n = size();
        ByteBuffer buf = ByteBuffer.allocate(n * type.byteSize).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT:
                buf.asFloatBuffer().put((float[]) data);
                break;
            case INT32:
                buf.asIntBuffer().put((int[]) data);
                break;
            case INT64:
                buf.asLongBuffer().put((long[]) data);
                break;
            default:
                for (boolean b : (boolean[]) data) {
                    buf.put((byte) (b ? 1 : 0));
                }
                break;
        }
        return buf.array();
    }

    /** Converts to another element type with TensorFlow cast semantics (float to int truncates). */
    public Tensor cast(DType to) {
        if (to == type) {
            return this;
        }
        int n = size();
        switch (to) {
            case FLOAT: {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (float) getDouble(i);
                }
                return ofFloats(shape, out);
            }
            case INT32: {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (int) (long) getDouble(i);
                }
                return ofInts(shape, out);
            }
            case INT64: {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (long) getDouble(i);
                }
                return ofLongs(shape, out);
            }
            default: {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = getDouble(i) != 0;
                }
                return ofBools(shape, out);
            }
        }
    }

    @Override
    public String toString() {
        return "Tensor(" + type + " " + Arrays.toString(shape) + ")";
    }
}
