package dev.openrecog.modelconverter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightDecoderTest {

    @Test
    void halfPrecisionWidensExactly() {
        assertEquals(1.0f, WeightDecoder.halfToFloat(0x3c00));
        assertEquals(-2.0f, WeightDecoder.halfToFloat(0xc000));
        assertEquals(65504f, WeightDecoder.halfToFloat(0x7bff));
        assertEquals(0x1p-24f, WeightDecoder.halfToFloat(0x0001)); // smallest subnormal
        assertEquals(0x1.ff8p-15f, WeightDecoder.halfToFloat(0x03ff)); // largest subnormal
        assertEquals(0x1p-14f, WeightDecoder.halfToFloat(0x0400)); // smallest normal
        assertEquals(0.333251953125f, WeightDecoder.halfToFloat(0x3555));
        assertEquals(Float.NEGATIVE_INFINITY, WeightDecoder.halfToFloat(0xfc00));
        assertTrue(Float.isNaN(WeightDecoder.halfToFloat(0x7e00)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(WeightDecoder.halfToFloat(0x8000)));
    }

    @Test
    void decodesPlainAndQuantizedWeightsInOrder() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(1.5f).putFloat(-3f); // a: float32 [2]
        b.putInt(7).putInt(-9).putInt(11); // b: int32 [3]
        b.putShort((short) 0x3c00).putShort((short) 0xb800); // c: float16 [2] = 1, -0.5
        b.put((byte) 0).put((byte) 255).put((byte) 3); // d: uint8 [3]
        b.putShort((short) 1000); // e: uint16 [1]
        b.put((byte) 2).put((byte) 5); // f: uint8-quantized int32 [2]
        byte[] data = new byte[b.position()];
        b.flip().get(data);
        List<WeightDecoder.Spec> specs = List.of(
                new WeightDecoder.Spec("a", new long[] {2}, DType.FLOAT, null, 0, 0),
                new WeightDecoder.Spec("b", new long[] {3}, DType.INT32, null, 0, 0),
                new WeightDecoder.Spec("c", new long[] {1, 2}, DType.FLOAT, "float16", 0, 0),
                new WeightDecoder.Spec("d", new long[] {3}, DType.FLOAT, "uint8", 0.1, -1.0),
                new WeightDecoder.Spec("e", new long[] {}, DType.FLOAT, "uint16", 0.001, 0.5),
                new WeightDecoder.Spec("f", new long[] {2}, DType.INT32, "uint8", 0.75, 0.5));
        Map<String, Tensor> w = WeightDecoder.decode(specs, data);
        assertArrayEquals(new float[] {1.5f, -3f}, w.get("a").floats());
        assertArrayEquals(new int[] {7, -9, 11}, w.get("b").ints());
        assertArrayEquals(new float[] {1f, -0.5f}, w.get("c").floats());
        assertArrayEquals(new long[] {1, 2}, w.get("c").shape());
        // value = q * scale + min in double, then rounded to float32, as TF.js does
        assertArrayEquals(new float[] {(float) -1.0, (float) (255 * 0.1 - 1.0), (float) (3 * 0.1 - 1.0)},
                w.get("d").floats());
        assertArrayEquals(new float[] {(float) (1000 * 0.001 + 0.5)}, w.get("e").floats());
        assertArrayEquals(new int[] {2, 4}, w.get("f").ints()); // round(2 * .75 + .5) = 2, round(4.25) = 4
    }

    @Test
    void rejectsShardsOfTheWrongSize() {
        List<WeightDecoder.Spec> specs = List.of(new WeightDecoder.Spec("a", new long[] {4}, DType.FLOAT, null, 0, 0));
        ConversionException tooShort = assertThrows(ConversionException.class,
                () -> WeightDecoder.decode(specs, new byte[12]));
        assertTrue(tooShort.getMessage().contains("'a'"), tooShort.getMessage());
        assertThrows(ConversionException.class, () -> WeightDecoder.decode(specs, new byte[20]));
    }

    @Test
    void rejectsUnknownQuantization() {
        List<WeightDecoder.Spec> specs = List.of(
                new WeightDecoder.Spec("q", new long[] {1}, DType.FLOAT, "int4", 1, 0));
        ConversionException e = assertThrows(ConversionException.class, () -> WeightDecoder.decode(specs, new byte[1]));
        assertTrue(e.getMessage().contains("int4"), e.getMessage());
    }
}
