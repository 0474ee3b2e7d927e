package dev.openrecog.modelconverter;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serialises an {@link OnnxGraph} as an ONNX {@code ModelProto}, writing the protobuf fields by number (see
 * onnx.proto: ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto).
 */
public final class OnnxWriter {
    /** IR version 8 goes with opset 17. */
    public static final long IR_VERSION = 8;

    // ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_PRODUCER_VERSION = 3;
    private static final int MODEL_DOC_STRING = 6;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    // OperatorSetIdProto
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    // AttributeProto
    private static final int ATTR_NAME = 1;
    private static final int ATTR_F = 2;
    private static final int ATTR_I = 3;
    private static final int ATTR_S = 4;
    private static final int ATTR_FLOATS = 7;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int ATTR_TYPE_FLOAT = 1;
    private static final int ATTR_TYPE_INT = 2;
    private static final int ATTR_TYPE_STRING = 3;
    private static final int ATTR_TYPE_FLOATS = 6;
    private static final int ATTR_TYPE_INTS = 7;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, Dimension
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private OnnxWriter() {
    }

    /** Writes the model to {@code out}. */
    public static void write(OnnxGraph graph, int opset, String docString, OutputStream out) throws IOException {
        Msg model = new Msg();
        model.int64(MODEL_IR_VERSION, IR_VERSION);
        model.string(MODEL_PRODUCER_NAME, "openrecog-model-converter");
        model.string(MODEL_PRODUCER_VERSION, "0.1.0");
        if (docString != null) {
            model.string(MODEL_DOC_STRING, docString);
        }
        model.message(MODEL_GRAPH, graph(graph));
        Msg opsetId = new Msg();
        opsetId.string(OPSET_DOMAIN, "");
        opsetId.int64(OPSET_VERSION, opset);
        model.message(MODEL_OPSET_IMPORT, opsetId);
        out.write(model.bytes());
    }

    /** The serialised model as bytes. */
    public static byte[] toBytes(OnnxGraph graph, int opset, String docString) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            write(graph, opset, docString, bos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }

    private static Msg graph(OnnxGraph g) {
        Msg m = new Msg();
        for (OnnxGraph.Node n : g.nodes()) {
            m.message(GRAPH_NODE, node(n));
        }
        m.string(GRAPH_NAME, g.name());
        for (Map.Entry<String, Tensor> e : g.initializers().entrySet()) {
            m.message(GRAPH_INITIALIZER, tensor(e.getKey(), e.getValue()));
        }
        for (OnnxGraph.ValueInfo v : g.inputs()) {
            m.message(GRAPH_INPUT, valueInfo(v));
        }
        for (OnnxGraph.ValueInfo v : g.outputs()) {
            m.message(GRAPH_OUTPUT, valueInfo(v));
        }
        return m;
    }

    private static Msg node(OnnxGraph.Node n) {
        Msg m = new Msg();
        for (String i : n.inputs) {
            m.string(NODE_INPUT, i);
        }
        for (String o : n.outputs) {
            m.string(NODE_OUTPUT, o);
        }
        m.string(NODE_NAME, n.name);
        m.string(NODE_OP_TYPE, n.opType);
        for (OnnxGraph.Attr a : n.attrs) {
            m.message(NODE_ATTRIBUTE, attribute(a));
        }
        return m;
    }

    private static Msg attribute(OnnxGraph.Attr a) {
        Msg m = new Msg();
        m.string(ATTR_NAME, a.name);
        switch (a.kind) {
            case FLOAT:
                m.float32(ATTR_F, a.f);
                m.int64(ATTR_TYPE, ATTR_TYPE_FLOAT);
                break;
            case INT:
                m.int64(ATTR_I, a.i);
                m.int64(ATTR_TYPE, ATTR_TYPE_INT);
                break;
            case STRING:
                m.string(ATTR_S, a.s);
                m.int64(ATTR_TYPE, ATTR_TYPE_STRING);
                break;
            case FLOATS:
                for (float f : a.floats) {
                    m.float32(ATTR_FLOATS, f);
                }
                m.int64(ATTR_TYPE, ATTR_TYPE_FLOATS);
                break;
            default:
                for (long v : a.ints) {
                    m.int64(ATTR_INTS, v);
                }
                m.int64(ATTR_TYPE, ATTR_TYPE_INTS);
                break;
        }
        return m;
    }

    private static Msg tensor(String name, Tensor t) {
        Msg m = new Msg();
        for (long d : t.shape()) {
            m.int64(TENSOR_DIMS, d);
        }
        m.int64(TENSOR_DATA_TYPE, t.type().onnxCode);
        m.string(TENSOR_NAME, name);
        m.bytes(TENSOR_RAW_DATA, t.rawBytes());
        return m;
    }

    private static Msg valueInfo(OnnxGraph.ValueInfo v) {
        Msg tensorType = new Msg();
        tensorType.int64(TENSOR_TYPE_ELEM_TYPE, v.type.onnxCode);
        if (v.shape != null) {
            Msg shape = new Msg();
            for (int i = 0; i < v.shape.length; i++) {
                Msg dim = new Msg();
                if (v.shape[i] >= 0) {
                    dim.int64(DIM_VALUE, v.shape[i]);
                } else {
                    dim.string(DIM_PARAM, "d" + i);
                }
                shape.message(SHAPE_DIM, dim);
            }
            tensorType.message(TENSOR_TYPE_SHAPE, shape);
        }
        Msg type = new Msg();
        type.message(TYPE_TENSOR_TYPE, tensorType);
        Msg m = new Msg();
        m.string(VALUE_INFO_NAME, v.name);
        m.message(VALUE_INFO_TYPE, type);
        return m;
    }

    /** A message being encoded; nested messages are encoded first and written length-delimited. */
    private static final class Msg {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(buf);

        void int64(int field, long v) {
            try {
                out.writeInt64(field, v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void float32(int field, float v) {
            try {
                out.writeFloat(field, v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(int field, byte[] b) {
            try {
                out.writeByteArray(field, b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void message(int field, Msg m) {
            bytes(field, m.bytes());
        }

        byte[] bytes() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buf.toByteArray();
        }
    }
}
