package dev.openrecog.modelconverter;

/** A model that cannot be converted, with a message naming the op, node or weight at fault. */
public class ConversionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
