package dev.openrecog.vision.image;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a model wants as its image input: a {@link #width()} x {@link #height()} float tensor, batch 1, in a
 * {@link Layout} and {@link ChannelOrder}, reached by a {@link Resize} mode, with each 8-bit sample {@code p}
 * (0..255) of tensor channel {@code c} becoming {@code (p * scale - mean[c]) / std[c]}. So {@code scale = 1/255}
 * gives {@code (pixel/255 - mean)/std} and {@code scale = 1} gives {@code (pixel - mean)/std}. {@code mean} and
 * {@code std} are listed in the tensor's own channel order.
 *
 * <p>Immutable. Built with {@link #of(int, int)} and the {@code with...} methods, or from the {@code input} object
 * of a JSON model manifest with {@link #fromMap(Map)}:
 * <pre>{@code
 * {"width": 512, "height": 512, "layout": "NHWC", "channels": "RGB", "resize": "letterbox", "pad": 114,
 *  "normalize": {"scale": 0.00392156862745098, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}}
 * }</pre>
 */
public final class InputSpec {
    /** {@code 1/255}: samples in 0..1. */
    public static final float UNIT_SCALE = 1f / 255f;
    /** The largest side accepted, to keep tensors sane. */
    public static final int MAX_SIDE = 8192;

    /** Memory layout of the tensor. */
    public enum Layout {
        /** {@code [1, height, width, 3]} */
        NHWC,
        /** {@code [1, 3, height, width]} */
        NCHW
    }

    /** Order of the three colour channels in the tensor. */
    public enum ChannelOrder {
        RGB,
        BGR
    }

    /** How an image of another shape is brought to the input size. */
    public enum Resize {
        /** Each axis scaled on its own to fill the input; the aspect ratio is not kept. */
        STRETCH,
        /** One scale for both axes so that the image fits, centred; the rest filled with {@link #padValue()}. */
        LETTERBOX
    }

    private static final Set<String> KEYS = new TreeSet<>(Arrays.asList("tensor", "width", "height", "layout",
            "channels", "resize", "pad", "normalize"));
    private static final Set<String> NORMALIZE_KEYS = new TreeSet<>(Arrays.asList("scale", "mean", "std"));

    private final int width;
    private final int height;
    private final Layout layout;
    private final ChannelOrder channelOrder;
    private final Resize resize;
    private final int padValue;
    private final float scale;
    private final float[] mean;
    private final float[] std;

    private InputSpec(int width, int height, Layout layout, ChannelOrder channelOrder, Resize resize, int padValue,
            float scale, float[] mean, float[] std) {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("input size must be 1.." + MAX_SIDE + " a side: " + width + "x"
                    + height);
        }
        if (padValue < 0 || padValue > 255) {
            throw new IllegalArgumentException("pad value must be within 0..255: " + padValue);
        }
        if (!Float.isFinite(scale) || scale == 0f) {
            throw new IllegalArgumentException("scale must be finite and not 0: " + scale);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need three values (one per channel)");
        }
        for (int c = 0; c < 3; c++) {
            if (!Float.isFinite(mean[c]) || !Float.isFinite(std[c]) || std[c] == 0f) {
                throw new IllegalArgumentException("mean must be finite and std finite and not 0: mean "
                        + Arrays.toString(mean) + ", std " + Arrays.toString(std));
            }
        }
        this.width = width;
        this.height = height;
        this.layout = Objects.requireNonNull(layout, "layout");
        this.channelOrder = Objects.requireNonNull(channelOrder, "channelOrder");
        this.resize = Objects.requireNonNull(resize, "resize");
        this.padValue = padValue;
        this.scale = scale;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** NHWC, RGB, stretched, samples as they are (scale 1, mean 0, std 1), pad 0. */
    public static InputSpec of(int width, int height) {
        return new InputSpec(width, height, Layout.NHWC, ChannelOrder.RGB, Resize.STRETCH, 0, 1f,
                new float[] {0, 0, 0}, new float[] {1, 1, 1});
    }

    public InputSpec withLayout(Layout layout) {
        return new InputSpec(width, height, layout, channelOrder, resize, padValue, scale, mean, std);
    }

    public InputSpec withChannelOrder(ChannelOrder channelOrder) {
        return new InputSpec(width, height, layout, channelOrder, resize, padValue, scale, mean, std);
    }

    public InputSpec withResize(Resize resize) {
        return new InputSpec(width, height, layout, channelOrder, resize, padValue, scale, mean, std);
    }

    public InputSpec withPadValue(int padValue) {
        return new InputSpec(width, height, layout, channelOrder, resize, padValue, scale, mean, std);
    }

    /** {@code (p * scale - mean[c]) / std[c]}, mean and std in the tensor's channel order. */
    public InputSpec withNormalization(float scale, float[] mean, float[] std) {
        return new InputSpec(width, height, layout, channelOrder, resize, padValue, scale, mean, std);
    }

    /**
     * Reads the {@code input} object of a JSON model manifest (as parsed by jackson-jr, {@code JSON.std.mapFrom}):
     * {@code width}, {@code height}, {@code layout} ({@code NHWC}|{@code NCHW}) required; {@code channels}
     * ({@code RGB}|{@code BGR}, default RGB), {@code resize} ({@code stretch}|{@code letterbox}, default stretch),
     * {@code pad} (0..255, default 0), {@code normalize} with {@code scale} (default 1), {@code mean} (default 0) and
     * {@code std} (default 1), each a number or three. {@code tensor} (the graph's input name) is the manifest's
     * business and ignored here. Unknown keys are refused, so a typo does not silently change preprocessing.
     *
     * @throws IllegalArgumentException for a manifest that does not fit
     */
    public static InputSpec fromMap(Map<String, ?> input) {
        Objects.requireNonNull(input, "input");
        rejectUnknown(input, KEYS, "input");
        int width = integer(input, "width");
        int height = integer(input, "height");
        Layout layout = choice(input, "layout", Layout.class, null);
        ChannelOrder order = choice(input, "channels", ChannelOrder.class, ChannelOrder.RGB);
        Resize resize = choice(input, "resize", Resize.class, Resize.STRETCH);
        int pad = input.containsKey("pad") ? integer(input, "pad") : 0;
        float scale = 1f;
        float[] mean = {0, 0, 0};
        float[] std = {1, 1, 1};
        Object n = input.get("normalize");
        if (n != null) {
            if (!(n instanceof Map)) {
                throw new IllegalArgumentException("input.normalize must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> normalize = (Map<String, ?>) n;
            rejectUnknown(normalize, NORMALIZE_KEYS, "input.normalize");
            if (normalize.containsKey("scale")) {
                scale = number(normalize.get("scale"), "input.normalize.scale");
            }
            if (normalize.containsKey("mean")) {
                mean = triple(normalize.get("mean"), "input.normalize.mean");
            }
            if (normalize.containsKey("std")) {
                std = triple(normalize.get("std"), "input.normalize.std");
            }
        }
        return new InputSpec(width, height, layout, order, resize, pad, scale, mean, std);
    }

    /** The JSON form read by {@link #fromMap(Map)}. */
    public Map<String, Object> toMap() {
        Map<String, Object> normalize = new LinkedHashMap<>();
        normalize.put("scale", (double) scale);
        normalize.put("mean", doubles(mean));
        normalize.put("std", doubles(std));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("width", width);
        map.put("height", height);
        map.put("layout", layout.name());
        map.put("channels", channelOrder.name());
        map.put("resize", resize.name().toLowerCase(Locale.ROOT));
        map.put("pad", padValue);
        map.put("normalize", normalize);
        return map;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public Layout layout() {
        return layout;
    }

    public ChannelOrder channelOrder() {
        return channelOrder;
    }

    public Resize resize() {
        return resize;
    }

    /** The 8-bit value that fills a letterbox's borders in every channel, before normalization. */
    public int padValue() {
        return padValue;
    }

    public float scale() {
        return scale;
    }

    /** Per tensor channel, in the tensor's channel order. */
    public float[] mean() {
        return mean.clone();
    }

    /** Per tensor channel, in the tensor's channel order. */
    public float[] std() {
        return std.clone();
    }

    float mean(int channel) {
        return mean[channel];
    }

    float std(int channel) {
        return std[channel];
    }

    /** {@code [1, height, width, 3]} or {@code [1, 3, height, width]}. */
    public long[] shape() {
        return layout == Layout.NHWC ? new long[] {1, height, width, 3} : new long[] {1, 3, height, width};
    }

    /** Floats in one tensor: {@code width * height * 3}. */
    public int size() {
        return width * height * 3;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InputSpec)) {
            return false;
        }
        InputSpec s = (InputSpec) o;
        return width == s.width && height == s.height && layout == s.layout && channelOrder == s.channelOrder
                && resize == s.resize && padValue == s.padValue && Float.compare(scale, s.scale) == 0
                && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, layout, channelOrder, resize, padValue, scale, Arrays.hashCode(mean),
                Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "InputSpec[" + width + "x" + height + " " + layout + " " + channelOrder + " " + resize
                + (resize == Resize.LETTERBOX ? " pad " + padValue : "") + ", scale " + scale + ", mean "
                + Arrays.toString(mean) + ", std " + Arrays.toString(std) + "]";
    }

    private static void rejectUnknown(Map<String, ?> map, Set<String> known, String where) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(where + " has an unknown key '" + key + "'; known: " + known);
            }
        }
    }

    private static int integer(Map<String, ?> map, String key) {
        Object v = map.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("input." + key + " must be a whole number, not " + v);
        }
        double d = ((Number) v).doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("input." + key + " must be a whole number, not " + v);
        }
        return (int) d;
    }

    private static <E extends Enum<E>> E choice(Map<String, ?> map, String key, Class<E> type, E fallback) {
        Object v = map.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("input." + key + " is required; one of "
                        + Arrays.toString(type.getEnumConstants()));
            }
            return fallback;
        }
        if (v instanceof String) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase((String) v)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("input." + key + " is '" + v + "'; one of "
                + Arrays.toString(type.getEnumConstants()));
    }

    private static float number(Object v, String where) {
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(where + " must be a number, not " + v);
        }
        return ((Number) v).floatValue();
    }

    private static float[] triple(Object v, String where) {
        if (v instanceof Number) {
            float f = ((Number) v).floatValue();
            return new float[] {f, f, f};
        }
        if (v instanceof List && ((List<?>) v).size() == 3) {
            List<?> list = (List<?>) v;
            float[] out = new float[3];
            for (int i = 0; i < 3; i++) {
                out[i] = number(list.get(i), where + "[" + i + "]");
            }
            return out;
        }
        throw new IllegalArgumentException(where + " must be a number or a list of three, not " + v);
    }

    private static List<Double> doubles(float[] values) {
        return Arrays.asList((double) values[0], (double) values[1], (double) values[2]);
    }
}
