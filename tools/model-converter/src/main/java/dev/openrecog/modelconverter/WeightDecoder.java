package dev.openrecog.modelconverter;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the weights of a TF.js {@code weightsManifest}: the bytes of all shards of all groups, concatenated in
 * manifest order, hold the weights one after the other. A weight may be stored quantized, as described by its
 * {@code quantization} entry:
 * <ul>
 * <li>{@code float16}: IEEE half precision, widened exactly to float32;</li>
 * <li>{@code uint8} / {@code uint16}: affine, {@code value = q * scale + min} computed in double and rounded to
 * float32 (or, for int32 weights, rounded half up to an integer), the way TF.js does it.</li>
 * </ul>
 */
public final class WeightDecoder {
    private WeightDecoder() {
    }

    /** One entry of a weights manifest group. */
    public static final class Spec {
        final String name;
        final long[] shape;
        final DType dtype;
        final String quantDtype;
        final double scale;
        final double min;

        public Spec(String name, long[] shape, DType dtype, String quantDtype, double scale, double min) {
            this.name = name;
            this.shape = shape.clone();
            this.dtype = dtype;
            this.quantDtype = quantDtype;
            this.scale = scale;
            this.min = min;
        }

        static Spec fromJson(JsonNode w) {
            String name = w.path("name").asText();
            JsonNode shapeNode = w.path("shape");
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong();
            }
            DType dtype = DType.fromTfjs(w.path("dtype").asText(), "weight '" + name + "'");
            JsonNode q = w.get("quantization");
            if (q == null || q.isNull()) {
                return new Spec(name, shape, dtype, null, 0, 0);
            }
            String qd = q.path("dtype").asText();
            return new Spec(name, shape, dtype, qd, q.path("scale").asDouble(), q.path("min").asDouble());
        }

        int storedBytesPerValue() {
            if (quantDtype == null) {
                return dtype.byteSize;
            }
            switch (quantDtype) {
                case "uint8":
                    return 1;
                case "uint16":
                case "float16":
                    return 2;
                default:
                    throw new ConversionException("weight '" + name + "' has unsupported quantization dtype "
                            + quantDtype + " (supported: uint8, uint16, float16)");
            }
        }
    }

    /** Reads the specs of all groups of a {@code weightsManifest} array, in order. */
    public static List<Spec> specs(JsonNode weightsManifest) {
        List<Spec> out = new ArrayList<>();
        for (JsonNode group : weightsManifest) {
            for (JsonNode w : group.path("weights")) {
                out.add(Spec.fromJson(w));
            }
        }
        return out;
    }

    /** Decodes all weights from the concatenated shard bytes. */
    public static Map<String, Tensor> decode(List<Spec> specs, byte[] data) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 0;
        for (Spec s : specs) {
            int n = Math.toIntExact(Shapes.size(s.shape));
            int bytes = n * s.storedBytesPerValue();
            if (offset + bytes > data.length) {
                throw new ConversionException("weight '" + s.name + "' needs bytes " + offset + ".." + (offset + bytes)
                        + " but the shards hold only " + data.length);
            }
            out.put(s.name, decodeOne(s, buf, offset, n));
            offset += bytes;
        }
        if (offset != data.length) {
            throw new ConversionException("weights manifest describes " + offset + " bytes but the shards hold "
                    + data.length);
        }
        return out;
    }

    private static Tensor decodeOne(Spec s, ByteBuffer buf, int offset, int n) {
        if (s.quantDtype == null) {
            switch (s.dtype) {
                case FLOAT: {
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = buf.getFloat(offset + 4 * i);
                    }
                    return Tensor.ofFloats(s.shape, v);
                }
                case INT32: {
                    int[] v = new int[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = buf.getInt(offset + 4 * i);
                    }
                    return Tensor.ofInts(s.shape, v);
                }
                case BOOL: {
                    boolean[] v = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = buf.get(offset + i) != 0;
                    }
                    return Tensor.ofBools(s.shape, v);
                }
                default:
                    throw new ConversionException("weight '" + s.name + "' has unsupported dtype " + s.dtype);
            }
        }
        if (s.quantDtype.equals("float16")) {
            if (s.dtype != DType.FLOAT) {
                throw new ConversionException("weight '" + s.name + "' is float16-quantized but its dtype is "
                        + s.dtype + " (only float32 may be)");
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = halfToFloat(buf.getShort(offset + 2 * i) & 0xffff);
            }
            return Tensor.ofFloats(s.shape, v);
        }
        boolean u8 = s.quantDtype.equals("uint8");
        if (s.dtype == DType.FLOAT) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                int q = u8 ? buf.get(offset + i) & 0xff : buf.getShort(offset + 2 * i) & 0xffff;
                v[i] = (float) (q * s.scale + s.min);
            }
            return Tensor.ofFloats(s.shape, v);
        }
        if (s.dtype == DType.INT32) {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                int q = u8 ? buf.get(offset + i) & 0xff : buf.getShort(offset + 2 * i) & 0xffff;
                v[i] = (int) Math.floor(q * s.scale + s.min + 0.5);
            }
            return Tensor.ofInts(s.shape, v);
        }
        throw new ConversionException("weight '" + s.name + "' of dtype " + s.dtype + " cannot be "
                + s.quantDtype + "-quantized");
    }

    /** Exact conversion of IEEE 754 half-precision bits to float. */
    public static float halfToFloat(int h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        float v;
        if (exp == 0) {
            v = mant * 0x1p-24f; // zero or subnormal, exact
        } else if (exp == 31) {
            v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (mant << 13));
        }
        return sign == 1 ? -v : v;
    }
}
