package dev.openrecog.vision.image;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Not a test: prints the median decode and preprocess times of a 640 x 480 and a 4000 x 3000 JPEG (made from
 * darknet's dog.jpg, or a synthetic pattern when that is absent) into a 512 x 512 letterboxed NHWC tensor.
 * Run with the test class path: {@code java -cp ... dev.openrecog.vision.image.DecodeBenchmark [iterations]}.
 */
public final class DecodeBenchmark {
    private DecodeBenchmark() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        BufferedImage source;
        try {
            source = ImageFixtures.reference(java.nio.file.Files.readAllBytes(ImageFixtures.DARKNET.resolve(
                    "dog.jpg")));
        } catch (java.io.IOException e) {
            source = ImageFixtures.pattern(768, 576);
        }
        ImageDecoder decoder = new ImageDecoder();
        InputSpec spec = InputSpec.of(512, 512).withResize(InputSpec.Resize.LETTERBOX)
                .withNormalization(InputSpec.UNIT_SCALE, new float[] {0.485f, 0.456f, 0.406f},
                        new float[] {0.229f, 0.224f, 0.225f});
        System.out.println("decode + preprocess to " + spec);
        for (int[] size : new int[][] {{640, 480}, {4000, 3000}}) {
            for (boolean progressive : new boolean[] {false, true}) {
                byte[] jpeg = ImageFixtures.jpeg(ImageFixtures.scaled(source, size[0], size[1]), 0.9f, progressive);
                run(decoder, spec, jpeg, size[0] + "x" + size[1] + (progressive ? " progressive" : " baseline"),
                        iterations);
            }
        }
        for (String name : new String[] {"dog-lossy.webp"}) {
            run(decoder, spec, ImageFixtures.resource(name), name + " 192x144", iterations);
        }
    }

    private static void run(ImageDecoder decoder, InputSpec spec, byte[] bytes, String label, int iterations) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        FloatBuffer buffer = null;
        long first = System.nanoTime();
        buffer = Preprocess.toTensor(decoder.decode(bytes, spec), spec, buffer).data();
        double firstMs = (System.nanoTime() - first) / 1e6;
        for (int i = 0; i < Math.max(5, iterations / 4); i++) {
            buffer = Preprocess.toTensor(decoder.decode(bytes, spec), spec, buffer).data();
        }
        double[] decode = new double[iterations];
        double[] prep = new double[iterations];
        double[] total = new double[iterations];
        double[] cpu = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            DecodedImage img = decoder.decode(bytes, spec);
            long t1 = System.nanoTime();
            buffer = Preprocess.toTensor(img, spec, buffer).data();
            long t2 = System.nanoTime();
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            decode[i] = (t1 - t0) / 1e6;
            prep[i] = (t2 - t1) / 1e6;
            total[i] = (t2 - t0) / 1e6;
        }
        System.out.println(String.format(Locale.ROOT,
                "%-26s %8d bytes  p50 decode %7.2f ms  preprocess %6.2f ms  total %7.2f ms  (thread CPU %7.2f ms;"
                        + " first call %6.1f ms)",
                label, bytes.length, median(decode), median(prep), median(total), median(cpu), firstMs));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
