package dev.openrecog.vision.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * Turns a {@link DecodedImage} into a model input tensor as an {@link InputSpec} describes, in one pass over the
 * decoded bytes: separable resampling (area averaging where the image shrinks, so no aliasing; bilinear with
 * half-pixel centres where it grows), normalization folded into one multiply-add per sample, and rows written in
 * the tensor's layout and channel order. Geometry is computed in original-image coordinates, so a subsampled or
 * EXIF-rotated decode lands exactly where the full image would. Stateless and thread-safe.
 */
public final class Preprocess {
    private Preprocess() {
    }

    /** A tensor in a new direct, native-order buffer. */
    public static ImageTensor toTensor(DecodedImage image, InputSpec spec) {
        return toTensor(image, spec, null);
    }

    /**
     * A tensor written into {@code target} when it holds at least {@link InputSpec#size()} floats (the buffer is
     * cleared first and returned with position 0 and limit {@code size()}), else into a new direct buffer.
     */
    public static ImageTensor toTensor(DecodedImage image, InputSpec spec, FloatBuffer target) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(spec, "spec");
        int tw = spec.width();
        int th = spec.height();
        int ow = image.originalWidth();
        int oh = image.originalHeight();
        FloatBuffer out = target != null && target.capacity() >= spec.size() ? target
                : ByteBuffer.allocateDirect(spec.size() * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        out.clear();

        double scaleX;
        double scaleY;
        int cw;
        int ch;
        if (spec.resize() == InputSpec.Resize.LETTERBOX) {
            double s = Math.min((double) tw / ow, (double) th / oh);
            cw = clamp((int) Math.round(ow * s), 1, tw);
            ch = clamp((int) Math.round(oh * s), 1, th);
            scaleX = s;
            scaleY = s;
        } else {
            cw = tw;
            ch = th;
            scaleX = (double) tw / ow;
            scaleY = (double) th / oh;
        }
        int padX = (tw - cw) / 2;
        int padY = (th - ch) / 2;

        // Per output channel (tensor order): value = sample * mul + add.
        boolean rgb = spec.channelOrder() == InputSpec.ChannelOrder.RGB;
        float[] mul = new float[3];
        float[] add = new float[3];
        for (int c = 0; c < 3; c++) {
            mul[c] = spec.scale() / spec.std(c);
            add[c] = -spec.mean(c) / spec.std(c);
        }
        if (cw < tw || ch < th) {
            fillPad(out, spec, mul, add);
        }

        Taps xs = Taps.of(cw, scaleX, image.originX(), image.stepX(), image.width());
        Taps ys = Taps.of(ch, scaleY, image.originY(), image.stepY(), image.height());
        resample(image, xs, ys, spec, out, padX, padY, cw, ch, rgb, mul, add);

        out.position(0);
        out.limit(spec.size());
        return new ImageTensor(out, spec, ow, oh, scaleX, scaleY, padX, padY, cw, ch);
    }

    private static void resample(DecodedImage image, Taps xs, Taps ys, InputSpec spec, FloatBuffer out, int padX,
            int padY, int cw, int ch, boolean rgb, float[] mul, float[] add) {
        byte[] px = image.bgr();
        int rowLen = image.width() * 3;
        int tw = spec.width();
        int plane = tw * spec.height();
        boolean nhwc = spec.layout() == InputSpec.Layout.NHWC;
        float[] acc = new float[rowLen];
        float[] mixed = new float[cw * 3];
        float[] row = nhwc ? mixed : new float[cw];
        // Tensor channel 0 and 2 read BGR offset c0 and c2; channel 1 is green either way.
        int c0 = rgb ? 2 : 0;
        int c2 = rgb ? 0 : 2;
        for (int ty = 0; ty < ch; ty++) {
            vertical(px, rowLen, ys, ty, acc);
            horizontal(acc, xs, cw, c0, c2, mul, add, mixed);
            int y = padY + ty;
            if (nhwc) {
                out.position((y * tw + padX) * 3);
                out.put(mixed, 0, cw * 3);
            } else {
                int at = y * tw + padX;
                for (int c = 0; c < 3; c++) {
                    for (int tx = 0, i = c; tx < cw; tx++, i += 3) {
                        row[tx] = mixed[i];
                    }
                    out.position(c * plane + at);
                    out.put(row, 0, cw);
                }
            }
        }
    }

    /** One output row's worth of decoded rows, weighted and summed: {@code acc[i] = sum_k w_k * px[row_k][i]}. */
    private static void vertical(byte[] px, int rowLen, Taps ys, int ty, float[] acc) {
        int taps = ys.taps;
        int yb = ty * taps;
        float w0 = ys.weight[yb];
        int base = ys.index[yb] * rowLen;
        for (int i = 0; i < rowLen; i++) {
            acc[i] = w0 * (px[base + i] & 0xFF);
        }
        for (int k = 1; k < taps; k++) {
            float wk = ys.weight[yb + k];
            if (wk != 0f) {
                int b = ys.index[yb + k] * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    acc[i] += wk * (px[b + i] & 0xFF);
                }
            }
        }
    }

    /** Resamples one row horizontally and normalizes it into interleaved tensor-order triplets. */
    private static void horizontal(float[] acc, Taps xs, int cw, int c0, int c2, float[] mul, float[] add,
            float[] out) {
        int taps = xs.taps;
        int[] xi = xs.index;
        float[] xw = xs.weight;
        float m0 = mul[0];
        float m1 = mul[1];
        float m2 = mul[2];
        float a0 = add[0];
        float a1 = add[1];
        float a2 = add[2];
        if (taps == 2) {
            for (int tx = 0, o = 0; tx < cw; tx++, o += 3) {
                int p = xi[2 * tx] * 3;
                int q = xi[2 * tx + 1] * 3;
                float wp = xw[2 * tx];
                float wq = xw[2 * tx + 1];
                out[o] = (wp * acc[p + c0] + wq * acc[q + c0]) * m0 + a0;
                out[o + 1] = (wp * acc[p + 1] + wq * acc[q + 1]) * m1 + a1;
                out[o + 2] = (wp * acc[p + c2] + wq * acc[q + c2]) * m2 + a2;
            }
            return;
        }
        for (int tx = 0, o = 0; tx < cw; tx++, o += 3) {
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            int xb = tx * taps;
            for (int k = 0; k < taps; k++) {
                float wk = xw[xb + k];
                int p = xi[xb + k] * 3;
                s0 += wk * acc[p + c0];
                s1 += wk * acc[p + 1];
                s2 += wk * acc[p + c2];
            }
            out[o] = s0 * m0 + a0;
            out[o + 1] = s1 * m1 + a1;
            out[o + 2] = s2 * m2 + a2;
        }
    }

    private static void fillPad(FloatBuffer out, InputSpec spec, float[] mul, float[] add) {
        int pixels = spec.width() * spec.height();
        float p = spec.padValue();
        float v0 = p * mul[0] + add[0];
        float v1 = p * mul[1] + add[1];
        float v2 = p * mul[2] + add[2];
        int chunk = Math.min(pixels, 4096);
        if (spec.layout() == InputSpec.Layout.NHWC) {
            float[] fill = new float[chunk * 3];
            for (int i = 0; i < chunk; i++) {
                fill[3 * i] = v0;
                fill[3 * i + 1] = v1;
                fill[3 * i + 2] = v2;
            }
            out.position(0);
            for (int done = 0; done < pixels; done += chunk) {
                out.put(fill, 0, Math.min(chunk, pixels - done) * 3);
            }
        } else {
            float[] fill = new float[chunk];
            out.position(0);
            for (float v : new float[] {v0, v1, v2}) {
                java.util.Arrays.fill(fill, v);
                for (int done = 0; done < pixels; done += chunk) {
                    out.put(fill, 0, Math.min(chunk, pixels - done));
                }
            }
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    /**
     * For each output index along one axis, which decoded pixels contribute and how much. Output pixel {@code t}
     * covers original {@code [t / scale, (t + 1) / scale)}; decoded pixel {@code j} covers original
     * {@code [origin + j * step, origin + (j + 1) * step)}.
     */
    static final class Taps {
        final int taps;
        final int[] index;
        final float[] weight;

        private Taps(int taps, int[] index, float[] weight) {
            this.taps = taps;
            this.index = index;
            this.weight = weight;
        }

        static Taps of(int count, double scale, double origin, double step, int available) {
            double footprint = 1.0 / (scale * step); // decoded pixels per output pixel
            if (footprint > 1.0) {
                int taps = (int) Math.ceil(footprint) + 1;
                int[] index = new int[count * taps];
                float[] weight = new float[count * taps];
                for (int t = 0; t < count; t++) {
                    double u0 = (t / scale - origin) / step;
                    double u1 = u0 + footprint;
                    int j0 = (int) Math.floor(u0);
                    for (int k = 0; k < taps; k++) {
                        int j = j0 + k;
                        double overlap = Math.min(u1, j + 1) - Math.max(u0, j);
                        index[t * taps + k] = clamp(j, 0, available - 1);
                        weight[t * taps + k] = overlap > 0 ? (float) (overlap / footprint) : 0f;
                    }
                }
                return new Taps(taps, index, weight);
            }
            int[] index = new int[count * 2];
            float[] weight = new float[count * 2];
            for (int t = 0; t < count; t++) {
                double c = ((t + 0.5) / scale - origin) / step - 0.5;
                int j0 = (int) Math.floor(c);
                float f = (float) (c - j0);
                index[2 * t] = clamp(j0, 0, available - 1);
                index[2 * t + 1] = clamp(j0 + 1, 0, available - 1);
                weight[2 * t] = 1f - f;
                weight[2 * t + 1] = f;
            }
            return new Taps(2, index, weight);
        }
    }
}
