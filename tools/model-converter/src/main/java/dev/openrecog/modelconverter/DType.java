package dev.openrecog.modelconverter;

import java.util.Locale;

/** Element types that the converter handles, with their ONNX {@code TensorProto.DataType} codes. */
public enum DType {
    FLOAT(1, 4),
    INT32(6, 4),
    INT64(7, 8),
    BOOL(9, 1);

    /** ONNX TensorProto.DataType value. */
    public final int onnxCode;
    /** Bytes per element in raw little-endian form. */
    public final int byteSize;

    DType(int onnxCode, int byteSize) {
        this.onnxCode = onnxCode;
        this.byteSize = byteSize;
    }

    /**
     * Maps a TensorFlow {@code DT_*} type name the way TensorFlow.js does: every integer type becomes
     * int32 and every floating type float32 (TF.js has no 64-bit or 16-bit tensors at run time).
     */
    public static DType fromTf(String tfType, String where) {
        switch (tfType) {
            case "DT_FLOAT":
            case "DT_HALF":
            case "DT_DOUBLE":
            case "DT_BFLOAT16":
                return FLOAT;
            case "DT_INT32":
            case "DT_INT64":
            case "DT_INT16":
            case "DT_INT8":
            case "DT_UINT8":
            case "DT_UINT16":
                return INT32;
            case "DT_BOOL":
                return BOOL;
            default:
                throw new ConversionException("unsupported TensorFlow dtype " + tfType + " in " + where);
        }
    }

    /** Maps a TF.js weight manifest dtype ({@code float32}, {@code int32}, {@code bool}). */
    public static DType fromTfjs(String dtype, String where) {
        switch (dtype.toLowerCase(Locale.ROOT)) {
            case "float32":
                return FLOAT;
            case "int32":
                return INT32;
            case "bool":
                return BOOL;
            default:
                throw new ConversionException("unsupported weight dtype " + dtype + " for " + where);
        }
    }
}
