package dev.openrecog.vision.recognition;

import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The instance evaluation's queries, made by {@code instance.QueryImages} (copies of a registered image, with the
 * box it lands in). That class is package-private in its package's tests, so it is reached by reflection here
 * rather than copied; once it is public, this becomes a direct call.
 */
final class EvaluationEdits {
    private EvaluationEdits() {
    }

    /** A query made from a registered image: the change's description, the bytes and the image's box in it. */
    static final class InstanceQuery {
        final String change;
        final byte[] bytes;
        final double[] truth;

        InstanceQuery(String change, byte[] bytes, double[] truth) {
            this.change = change;
            this.bytes = bytes;
            this.truth = truth;
        }
    }

    /** Every {@code QueryImages} change of the (opaque) image. */
    static List<InstanceQuery> instanceQueries(BufferedImage original) {
        try {
            Class<?> queries = Class.forName("dev.openrecog.vision.instance.QueryImages");
            Class<?> changeType = Class.forName("dev.openrecog.vision.instance.QueryImages$Change");
            Method make = method(queries, "make", BufferedImage.class, changeType);
            List<InstanceQuery> made = new ArrayList<>();
            for (Object change : (List<?>) field(queries, "ALL").get(null)) {
                Object query = make.invoke(null, original, change);
                made.add(new InstanceQuery((String) field(changeType, "description").get(change),
                        (byte[]) field(query.getClass(), "bytes").get(query),
                        (double[]) field(query.getClass(), "truth").get(query)));
            }
            return made;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("instance.QueryImages changed: " + e, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) throws NoSuchMethodException {
        Method method = type.getDeclaredMethod(name, parameters);
        method.setAccessible(true);
        return method;
    }
}
