package dev.openrecog.modelconverter;

/** A TensorFlow op (or an attribute value of one) that the converter does not map to ONNX. */
public final class UnsupportedOpException extends ConversionException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final String nodeName;

    public UnsupportedOpException(String op, String nodeName, String detail) {
        super("unsupported op " + op + " at node '" + nodeName + "'" + (detail == null ? "" : ": " + detail));
        this.op = op;
        this.nodeName = nodeName;
    }

    public String op() {
        return op;
    }

    public String nodeName() {
        return nodeName;
    }
}
