package dev.openrecog.modelconverter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An ONNX graph under construction: nodes in topological order, initializers, inputs and outputs. */
public final class OnnxGraph {

    /** A node attribute. Exactly one of the value fields is used, as {@link #kind} says. */
    public static final class Attr {
        public enum Kind { FLOAT, INT, STRING, FLOATS, INTS }

        public final String name;
        public final Kind kind;
        final float f;
        final long i;
        final String s;
        final float[] floats;
        final long[] ints;

        private Attr(String name, Kind kind, float f, long i, String s, float[] floats, long[] ints) {
            this.name = name;
            this.kind = kind;
            this.f = f;
            this.i = i;
            this.s = s;
            this.floats = floats;
            this.ints = ints;
        }

        public static Attr f(String name, float v) {
            return new Attr(name, Kind.FLOAT, v, 0, null, null, null);
        }

        public static Attr i(String name, long v) {
            return new Attr(name, Kind.INT, 0, v, null, null, null);
        }

        public static Attr s(String name, String v) {
            return new Attr(name, Kind.STRING, 0, 0, v, null, null);
        }

        public static Attr floats(String name, float... v) {
            return new Attr(name, Kind.FLOATS, 0, 0, null, v.clone(), null);
        }

        public static Attr ints(String name, long... v) {
            return new Attr(name, Kind.INTS, 0, 0, null, null, v.clone());
        }

        @Override
        public String toString() {
            switch (kind) {
                case FLOAT:
                    return name + "=" + f;
                case INT:
                    return name + "=" + i;
                case STRING:
                    return name + "=" + s;
                case FLOATS:
                    return name + "=" + Arrays.toString(floats);
                default:
                    return name + "=" + Arrays.toString(ints);
            }
        }
    }

    /** An ONNX node (default domain). */
    public static final class Node {
        public final String opType;
        public final String name;
        public final List<String> inputs;
        public final List<String> outputs;
        public final List<Attr> attrs;

        Node(String opType, String name, List<String> inputs, List<String> outputs, List<Attr> attrs) {
            this.opType = opType;
            this.name = name;
            this.inputs = List.copyOf(inputs);
            this.outputs = List.copyOf(outputs);
            this.attrs = List.copyOf(attrs);
        }
    }

    /** A graph input or output: name, element type and shape (-1 dims become symbolic; null shape = unknown). */
    public static final class ValueInfo {
        public final String name;
        public final DType type;
        public final long[] shape;

        ValueInfo(String name, DType type, long[] shape) {
            this.name = name;
            this.type = type;
            this.shape = shape == null ? null : shape.clone();
        }
    }

    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    public OnnxGraph(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public Map<String, Tensor> initializers() {
        return Collections.unmodifiableMap(initializers);
    }

    public List<ValueInfo> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<ValueInfo> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /** Reserves an exact value name; fails if taken. */
    String reserve(String exact) {
        if (!names.add(exact)) {
            throw new ConversionException("duplicate ONNX value name " + exact);
        }
        return exact;
    }

    /** A fresh value name starting with {@code base}. */
    String fresh(String base) {
        if (names.add(base)) {
            return base;
        }
        for (int k = 1;; k++) {
            String candidate = base + "_" + k;
            if (names.add(candidate)) {
                return candidate;
            }
        }
    }

    /** Adds an initializer under a fresh name based on {@code base}; returns the name. */
    String initializer(String base, Tensor t) {
        String n = fresh(base);
        initializers.put(n, t);
        return n;
    }

    /** Adds an initializer under a name already reserved by the caller. */
    void initializerExact(String reservedName, Tensor t) {
        if (!names.contains(reservedName) || initializers.containsKey(reservedName)) {
            throw new ConversionException("initializer name not reserved or taken: " + reservedName);
        }
        initializers.put(reservedName, t);
    }

    /** Adds a node whose output names are already reserved. */
    void node(String opType, String nodeName, List<String> ins, List<String> outs, Attr... attrs) {
        nodes.add(new Node(opType, nodeName, ins, outs, Arrays.asList(attrs)));
    }

    void input(String valueName, DType type, long[] shape) {
        inputs.add(new ValueInfo(valueName, type, shape));
    }

    void output(String valueName, DType type, long[] shape) {
        outputs.add(new ValueInfo(valueName, type, shape));
    }
}
