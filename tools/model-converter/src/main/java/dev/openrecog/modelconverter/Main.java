package dev.openrecog.modelconverter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code java -cp ... dev.openrecog.modelconverter.Main <model.json> <out.onnx>} */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        List<String> outputs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--output") && i + 1 < args.length) {
                outputs.add(args[++i]);
            } else {
                files.add(args[i]);
            }
        }
        if (files.size() != 2) {
            System.err.println("usage: java -cp <classpath> dev.openrecog.modelconverter.Main <model.json> <out.onnx>"
                    + " [--output <tensor name>]...");
            System.err.println("  --output replaces the model's outputs (repeatable), e.g. to expose an inner tensor");
            System.exit(2);
        }
        try {
            Summary s = convert(Paths.get(files.get(0)), Paths.get(files.get(1)), outputs);
            System.out.println("wrote " + args[1] + ": " + s);
        } catch (ConversionException e) {
            System.err.println("conversion failed: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("I/O error: " + e);
            System.exit(1);
        }
    }

    /** What a conversion produced. */
    public static final class Summary {
        public final int tfNodes;
        public final int onnxNodes;
        public final int initializers;
        public final Map<String, Integer> onnxOps;

        Summary(int tfNodes, int onnxNodes, int initializers, Map<String, Integer> onnxOps) {
            this.tfNodes = tfNodes;
            this.onnxNodes = onnxNodes;
            this.initializers = initializers;
            this.onnxOps = onnxOps;
        }

        @Override
        public String toString() {
            return tfNodes + " TF nodes -> " + onnxNodes + " ONNX nodes (opset " + Converter.OPSET + "), "
                    + initializers + " initializers; ops " + onnxOps;
        }
    }

    /** Converts one model file to one ONNX file. */
    public static Summary convert(Path modelJson, Path out) throws IOException {
        return convert(modelJson, out, List.of());
    }

    /** Converts one model file, with the given outputs instead of the model's own when not empty. */
    public static Summary convert(Path modelJson, Path out, List<String> outputs) throws IOException {
        TfjsModel model = TfjsModel.load(modelJson);
        if (!outputs.isEmpty()) {
            model = model.withOutputs(outputs);
        }
        String name = modelJson.getFileName().toString().replaceFirst("\\.json$", "");
        OnnxGraph graph = Converter.convert(model, name);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream os = Files.newOutputStream(out)) {
            OnnxWriter.write(graph, Converter.OPSET, "converted from TensorFlow.js graph model "
                    + modelJson.getFileName(), os);
        }
        Map<String, Integer> ops = new TreeMap<>();
        for (OnnxGraph.Node n : graph.nodes()) {
            ops.merge(n.opType, 1, Integer::sum);
        }
        return new Summary(model.nodes().size(), graph.nodes().size(), graph.initializers().size(), ops);
    }
}
