package dev.openrecog.modelconverter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A TensorFlow.js graph model ({@code model.json} with {@code format: graph-model}) and its decoded weights. */
public final class TfjsModel {

    /** One node of the GraphDef. Control inputs ({@code ^name}) are dropped. */
    public static final class Node {
        public final String name;
        public final String op;
        public final List<String> inputs;
        private final Map<String, JsonNode> attrs;

        Node(String name, String op, List<String> inputs, Map<String, JsonNode> attrs) {
            this.name = name;
            this.op = op;
            this.inputs = Collections.unmodifiableList(inputs);
            this.attrs = attrs;
        }

        public boolean has(String key) {
            return attrs.containsKey(key);
        }

        public long attrInt(String key, long dflt) {
            JsonNode a = attrs.get(key);
            return a == null || !a.has("i") ? dflt : a.get("i").asLong();
        }

        public float attrFloat(String key, float dflt) {
            JsonNode a = attrs.get(key);
            return a == null || !a.has("f") ? dflt : (float) a.get("f").asDouble();
        }

        public boolean attrBool(String key, boolean dflt) {
            JsonNode a = attrs.get(key);
            return a == null || !a.has("b") ? dflt : a.get("b").asBoolean();
        }

        /** A string attribute (stored base64 in model.json), or {@code dflt}. */
        public String attrString(String key, String dflt) {
            JsonNode a = attrs.get(key);
            if (a == null || !a.has("s")) {
                return dflt;
            }
            return new String(Base64.getDecoder().decode(a.get("s").asText()), StandardCharsets.UTF_8);
        }

        public long[] attrInts(String key) {
            JsonNode a = attrs.get(key);
            if (a == null) {
                return null;
            }
            JsonNode list = a.path("list").path("i");
            long[] out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i).asLong();
            }
            return out;
        }

        public List<String> attrStrings(String key) {
            List<String> out = new ArrayList<>();
            JsonNode a = attrs.get(key);
            if (a != null) {
                for (JsonNode s : a.path("list").path("s")) {
                    out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
                }
            }
            return out;
        }

        /** A {@code type} attribute mapped to the converter's element types, or {@code dflt}. */
        public DType attrType(String key, DType dflt) {
            JsonNode a = attrs.get(key);
            if (a == null || !a.has("type")) {
                return dflt;
            }
            return DType.fromTf(a.get("type").asText(), "attribute " + key + " of node '" + name + "'");
        }

        /** The {@code shape} attribute of a Placeholder: dims, -1 for unknown; null for unknown rank. */
        public long[] attrShape(String key) {
            JsonNode a = attrs.get(key);
            if (a == null || !a.has("shape")) {
                return null;
            }
            JsonNode s = a.get("shape");
            if (s.path("unknownRank").asBoolean(false)) {
                return null;
            }
            JsonNode dims = s.path("dim");
            long[] out = new long[dims.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = dims.get(i).has("size") ? dims.get(i).get("size").asLong() : -1;
            }
            return out;
        }

        @Override
        public String toString() {
            return op + " '" + name + "'";
        }
    }

    private final Map<String, Node> nodes;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, Tensor> weights;

    private TfjsModel(Map<String, Node> nodes, List<String> inputs, List<String> outputs,
            Map<String, Tensor> weights) {
        this.nodes = nodes;
        this.inputs = inputs;
        this.outputs = outputs;
        this.weights = weights;
    }

    public Map<String, Node> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    /** Graph input tensor names (node names of the placeholders), in TF.js order. */
    public List<String> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** Graph output tensor names, in the order TF.js {@code GraphModel.execute} returns them by default. */
    public List<String> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    public Map<String, Tensor> weights() {
        return Collections.unmodifiableMap(weights);
    }

    /** Loads model.json and its weight shards (paths relative to the model.json folder). */
    public static TfjsModel load(Path modelJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(modelJson.toFile());
        String format = root.path("format").asText("graph-model");
        if (!format.equals("graph-model")) {
            throw new ConversionException(modelJson + ": format '" + format + "' is not a TF.js graph model");
        }
        JsonNode topology = root.path("modelTopology");
        if (topology.path("library").path("function").size() > 0) {
            throw new ConversionException(modelJson + ": graphs with a function library (control flow) are not supported");
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (JsonNode n : topology.path("node")) {
            List<String> ins = new ArrayList<>();
            for (JsonNode i : n.path("input")) {
                String s = i.asText();
                if (!s.startsWith("^")) {
                    ins.add(s);
                }
            }
            Map<String, JsonNode> attrs = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("attr").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                attrs.put(e.getKey(), e.getValue());
            }
            Node node = new Node(n.path("name").asText(), n.path("op").asText(), ins, attrs);
            nodes.put(node.name, node);
        }

        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        JsonNode sig = root.path("signature");
        for (Iterator<Map.Entry<String, JsonNode>> it = sig.path("inputs").fields(); it.hasNext();) {
            inputs.add(canonical(it.next().getValue().path("name").asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = sig.path("outputs").fields(); it.hasNext();) {
            outputs.add(canonical(it.next().getValue().path("name").asText()));
        }
        if (inputs.isEmpty()) {
            for (Node n : nodes.values()) {
                if (n.op.startsWith("Placeholder")) {
                    inputs.add(n.name);
                }
            }
        }
        if (outputs.isEmpty()) {
            // As TF.js does without a signature: every node that feeds no other node.
            java.util.Set<String> consumed = new java.util.HashSet<>();
            for (Node n : nodes.values()) {
                for (String i : n.inputs) {
                    consumed.add(nodeName(i));
                }
            }
            for (Node n : nodes.values()) {
                if (!consumed.contains(n.name)) {
                    outputs.add(n.name);
                }
            }
        }

        Path dir = modelJson.toAbsolutePath().getParent();
        ByteArrayOutputStream shards = new ByteArrayOutputStream();
        JsonNode manifest = root.path("weightsManifest");
        for (JsonNode group : manifest) {
            for (JsonNode p : group.path("paths")) {
                Path shard = dir.resolve(p.asText()).normalize();
                if (!shard.startsWith(dir)) {
                    throw new ConversionException("weight shard path escapes the model folder: " + p.asText());
                }
                shards.write(Files.readAllBytes(shard));
            }
        }
        Map<String, Tensor> weights = WeightDecoder.decode(WeightDecoder.specs(manifest), shards.toByteArray());
        return new TfjsModel(nodes, inputs, outputs, weights);
    }

    /** The same model with other output tensors (for instance intermediate ones, to locate a difference). */
    public TfjsModel withOutputs(List<String> tensorNames) {
        for (String t : tensorNames) {
            if (!nodes.containsKey(nodeName(t))) {
                throw new ConversionException("no node named " + nodeName(t));
            }
        }
        return new TfjsModel(nodes, inputs, new ArrayList<>(tensorNames), weights);
    }

    /** Builds a model from parts (used by tests). */
    static TfjsModel of(Map<String, Node> nodes, List<String> inputs, List<String> outputs,
            Map<String, Tensor> weights) {
        return new TfjsModel(nodes, inputs, outputs, weights);
    }

    /** {@code name:0} and {@code name} are the same tensor; other indices keep their suffix. */
    static String canonical(String tensorName) {
        int colon = tensorName.lastIndexOf(':');
        if (colon > 0 && tensorName.substring(colon + 1).equals("0")) {
            return tensorName.substring(0, colon);
        }
        return tensorName;
    }

    static String nodeName(String tensorName) {
        int colon = tensorName.lastIndexOf(':');
        if (colon > 0 && isDigits(tensorName.substring(colon + 1))) {
            return tensorName.substring(0, colon);
        }
        return tensorName;
    }

    static int outputIndex(String tensorName) {
        int colon = tensorName.lastIndexOf(':');
        if (colon > 0 && isDigits(tensorName.substring(colon + 1))) {
            return Integer.parseInt(tensorName.substring(colon + 1));
        }
        return 0;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
