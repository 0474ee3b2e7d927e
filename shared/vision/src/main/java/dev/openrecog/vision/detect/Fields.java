package dev.openrecog.vision.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to one JSON object of a manifest (as jackson-jr maps it), with errors that name the manifest and
 * the field. Unknown fields are refused, so a misspelt key is an error instead of a silently used default. Shared by
 * every manifest format (detectors here, face models in {@code vision.face}).
 */
public final class Fields {
    private final String source;
    private final String path;
    private final Map<String, Object> map;
    private final Set<String> read = new TreeSet<>();

    public Fields(String source, String path, Map<String, Object> map) {
        this.source = source;
        this.path = path;
        this.map = map == null ? new LinkedHashMap<>() : map;
    }

    String source() {
        return source;
    }

    /** The whole object, every key counted as read (for a reader that validates the object itself). */
    public Map<String, Object> rawMap() {
        read.addAll(map.keySet());
        return map;
    }

    public boolean has(String key) {
        read.add(key);
        return map.get(key) != null;
    }

    Object raw(String key) {
        read.add(key);
        return map.get(key);
    }

    public String string(String key) {
        Object v = raw(key);
        if (!(v instanceof String) || ((String) v).isEmpty()) {
            throw bad(key, v == null ? "is missing" : "must be a non-empty string");
        }
        return (String) v;
    }

    public String string(String key, String dflt) {
        return has(key) ? string(key) : dflt;
    }

    /** A string from a fixed set of values, compared ignoring case; returned in upper case. */
    String choice(String key, String dflt, String... allowed) {
        String v = has(key) ? string(key) : dflt;
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a.toUpperCase(Locale.ROOT);
            }
        }
        throw bad(key, "is '" + v + "'; expected one of " + String.join(", ", allowed));
    }

    public int integer(String key) {
        Object v = raw(key);
        if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw bad(key, v == null ? "is missing" : "must be an integer");
        }
        return ((Number) v).intValue();
    }

    int integer(String key, int dflt) {
        return has(key) ? integer(key) : dflt;
    }

    public int positive(String key) {
        int v = integer(key);
        if (v <= 0) {
            throw bad(key, "must be positive");
        }
        return v;
    }

    int positive(String key, int dflt) {
        return has(key) ? positive(key) : dflt;
    }

    public double number(String key) {
        Object v = raw(key);
        if (!(v instanceof Number)) {
            throw bad(key, v == null ? "is missing" : "must be a number");
        }
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw bad(key, "must be finite");
        }
        return d;
    }

    /** A number that must lie within {@code min..max}. */
    public double number(String key, double min, double max) {
        double v = number(key);
        if (v < min || v > max) {
            throw bad(key, "must be within " + min + ".." + max + ", not " + v);
        }
        return v;
    }

    public boolean bool(String key) {
        Object v = raw(key);
        if (!(v instanceof Boolean)) {
            throw bad(key, v == null ? "is missing" : "must be true or false");
        }
        return (Boolean) v;
    }

    double number(String key, double dflt) {
        return has(key) ? number(key) : dflt;
    }

    double fraction(String key, double dflt) {
        double v = number(key, dflt);
        if (v < 0 || v > 1) {
            throw bad(key, "must be within 0..1");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    public Fields object(String key) {
        Object v = raw(key);
        if (!(v instanceof Map)) {
            throw bad(key, v == null ? "is missing" : "must be an object");
        }
        return new Fields(source, path.isEmpty() ? key : path + "." + key, (Map<String, Object>) v);
    }

    @SuppressWarnings("unchecked")
    public List<Fields> objects(String key) {
        Object v = raw(key);
        if (!(v instanceof List) || ((List<?>) v).isEmpty()) {
            throw bad(key, v == null ? "is missing" : "must be a non-empty list of objects");
        }
        List<Fields> out = new ArrayList<>();
        List<?> list = (List<?>) v;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map)) {
                throw bad(key, "must be a non-empty list of objects");
            }
            out.add(new Fields(source, (path.isEmpty() ? key : path + "." + key) + "[" + i + "]",
                    (Map<String, Object>) list.get(i)));
        }
        return out;
    }

    /** Refuses any key that was never asked for. Call after reading every field of this object. */
    public void rejectUnknown() {
        for (String k : map.keySet()) {
            if (!read.contains(k)) {
                throw new ModelManifestException(source + ": unknown field '" + qualified(k) + "'");
            }
        }
    }

    public ModelManifestException bad(String key, String what) {
        return new ModelManifestException(source + ": field '" + qualified(key) + "' " + what);
    }

    public ModelManifestException bad(String what) {
        return new ModelManifestException(source + ": " + (path.isEmpty() ? "" : "'" + path + "' ") + what);
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
