package dev.openrecog.modelconverter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** Writes small TF.js graph models (model.json + one weight shard) for tests, in the format tfjs-converter emits. */
final class TfjsGraphWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode nodes = JSON.createArrayNode();
    private final ArrayNode weights = JSON.createArrayNode();
    private final ByteArrayOutputStream bin = new ByteArrayOutputStream();

    /** Attribute values as model.json spells them. */
    static final class A {
        private A() {
        }

        static ObjectNode i(long v) {
            ObjectNode o = JSON.createObjectNode();
            o.put("i", Long.toString(v));
            return o;
        }

        static ObjectNode f(double v) {
            ObjectNode o = JSON.createObjectNode();
            o.put("f", v);
            return o;
        }

        static ObjectNode b(boolean v) {
            ObjectNode o = JSON.createObjectNode();
            o.put("b", v);
            return o;
        }

        static ObjectNode s(String v) {
            ObjectNode o = JSON.createObjectNode();
            o.put("s", Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
            return o;
        }

        static ObjectNode type(String dt) {
            ObjectNode o = JSON.createObjectNode();
            o.put("type", dt);
            return o;
        }

        static ObjectNode ints(long... v) {
            ObjectNode o = JSON.createObjectNode();
            ArrayNode a = o.putObject("list").putArray("i");
            for (long x : v) {
                a.add(Long.toString(x));
            }
            return o;
        }

        static ObjectNode strs(String... v) {
            ObjectNode o = JSON.createObjectNode();
            ArrayNode a = o.putObject("list").putArray("s");
            for (String x : v) {
                a.add(Base64.getEncoder().encodeToString(x.getBytes(StandardCharsets.UTF_8)));
            }
            return o;
        }
    }

    String placeholder(String name, long... shape) {
        ObjectNode n = node(name, "Placeholder", List.of());
        ObjectNode attr = (ObjectNode) n.get("attr");
        attr.set("dtype", A.type("DT_FLOAT"));
        ArrayNode dims = attr.putObject("shape").putObject("shape").putArray("dim");
        for (long d : shape) {
            dims.addObject().put("size", Long.toString(d));
        }
        return name;
    }

    private ObjectNode constNode(String name, String dt, long[] shape) {
        ObjectNode n = node(name, "Const", List.of());
        ObjectNode attr = (ObjectNode) n.get("attr");
        attr.set("dtype", A.type(dt));
        ObjectNode tensor = attr.putObject("value").putObject("tensor");
        tensor.put("dtype", dt);
        ArrayNode dims = tensor.putObject("tensorShape").putArray("dim");
        for (long d : shape) {
            dims.addObject().put("size", Long.toString(d));
        }
        return n;
    }

    private ObjectNode weight(String name, String dtype, long[] shape) {
        ObjectNode w = weights.addObject();
        w.put("name", name);
        ArrayNode s = w.putArray("shape");
        for (long d : shape) {
            s.add(d);
        }
        w.put("dtype", dtype);
        return w;
    }

    String constF(String name, long[] shape, float... v) {
        constNode(name, "DT_FLOAT", shape);
        weight(name, "float32", shape);
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        bin.writeBytes(b.array());
        return name;
    }

    String constI(String name, long[] shape, int... v) {
        constNode(name, "DT_INT32", shape);
        weight(name, "int32", shape);
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        bin.writeBytes(b.array());
        return name;
    }

    /** A float32 weight stored as float16 bits (the values are rounded to half precision on the way). */
    String constF16(String name, long[] shape, float... v) {
        constNode(name, "DT_FLOAT", shape);
        weight(name, "float32", shape).putObject("quantization").put("dtype", "float16");
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putShort(floatToHalf(x));
        }
        bin.writeBytes(b.array());
        return name;
    }

    /** A float32 weight stored as uint8 codes with an affine scale and min. */
    String constU8(String name, long[] shape, double min, double scale, int... codes) {
        constNode(name, "DT_FLOAT", shape);
        ObjectNode q = weight(name, "float32", shape).putObject("quantization");
        q.put("dtype", "uint8");
        q.put("min", min);
        q.put("scale", scale);
        for (int c : codes) {
            bin.write(c);
        }
        return name;
    }

    String op(String op, String name, List<String> inputs, Object... attrs) {
        ObjectNode n = node(name, op, inputs);
        ObjectNode attr = (ObjectNode) n.get("attr");
        for (int i = 0; i < attrs.length; i += 2) {
            attr.set((String) attrs[i], (ObjectNode) attrs[i + 1]);
        }
        return name;
    }

    private ObjectNode node(String name, String op, List<String> inputs) {
        ObjectNode n = nodes.addObject();
        n.put("name", name);
        n.put("op", op);
        ArrayNode in = n.putArray("input");
        inputs.forEach(in::add);
        n.putObject("attr");
        return n;
    }

    /** Writes model.json and weights.bin into {@code dir}; returns the model.json path. */
    Path write(Path dir, List<String> outputs) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "graph-model");
        root.put("generatedBy", "openrecog test");
        root.put("convertedBy", "openrecog test");
        ObjectNode sig = root.putObject("signature");
        ObjectNode outs = sig.putObject("outputs");
        for (String o : outputs) {
            outs.putObject(o).put("name", o);
        }
        ObjectNode topo = root.putObject("modelTopology");
        topo.set("node", nodes);
        topo.putObject("library");
        topo.putObject("versions");
        ArrayNode manifest = root.putArray("weightsManifest");
        ObjectNode group = manifest.addObject();
        group.putArray("paths").add("weights.bin");
        group.set("weights", weights);
        Path json = dir.resolve("model.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);
        Files.write(dir.resolve("weights.bin"), bin.toByteArray());
        return json;
    }

    /** Round-to-nearest-even float to IEEE half (normal range and zero; enough for test weights). */
    static short floatToHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = bits & 0x7fffff;
        if (f == 0) {
            return (short) sign;
        }
        if (exp <= 0 || exp >= 31) {
            throw new IllegalArgumentException("test weight out of half normal range: " + f);
        }
        int half = sign | (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) half;
    }
}
