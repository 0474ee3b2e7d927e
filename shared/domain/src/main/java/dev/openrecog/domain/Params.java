package dev.openrecog.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The flat parameters of one call, as the API names them, with the checks every operation shares.
 * Each failed check is an InvalidParameter that names the parameter and the rule.
 */
public final class Params {
    private final Map<String, String> values;

    public Params(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The value, or null when the parameter is absent or empty. */
    public String optional(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw ApiException.invalidParameter("The parameter " + name + " is required.");
        }
        return value;
    }

    public Algorithm algorithm() {
        return Algorithm.parse(required("Algorithm"));
    }

    /** A required name-like text: not blank and at most maxBytes bytes of UTF-8. */
    public String requiredText(String name, int maxBytes) {
        String value = required(name);
        if (value.isBlank()) {
            throw ApiException.invalidParameter("The parameter " + name + " must not be blank.");
        }
        return checkBytes(name, value, maxBytes);
    }

    public String optionalText(String name, int maxBytes) {
        String value = optional(name);
        return value == null ? null : checkBytes(name, value, maxBytes);
    }

    /** A required id that this service issued. */
    public String id(String name) {
        return checkId(name, required(name));
    }

    /** A required comma-separated list of ids, without repeats, in the order given. */
    public List<String> idList(String name, int maxIds) {
        List<String> ids = optionalIdList(name, maxIds);
        if (ids.isEmpty()) {
            throw ApiException.invalidParameter("The parameter " + name + " is required.");
        }
        return ids;
    }

    public List<String> optionalIdList(String name, int maxIds) {
        String value = optional(name);
        if (value == null) {
            return List.of();
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String id = part.trim();
            if (!id.isEmpty()) {
                ids.add(checkId(name, id));
            }
        }
        if (ids.size() > maxIds) {
            throw ApiException.invalidParameter("The parameter " + name + " takes at most " + maxIds + " ids; got " + ids.size() + ".");
        }
        return new ArrayList<>(ids);
    }

    /**
     * The optional ClientToken of a create, bound to its action and to the values of the
     * operation's own parameters, named here. Only those make two requests "the same": the common
     * parameters (Timestamp, SignatureNonce, Signature...) differ on every retry.
     *
     * @return null when the request carries no ClientToken
     */
    public ClientToken clientToken(Action action, String... ownParameters) {
        String token = optional("ClientToken");
        if (token == null) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String name : ownParameters) {
            parameters.put(name, optional(name));
        }
        return ClientToken.of(action, token, parameters);
    }

    /** PageNumber (default 1) and PageSize (default 10), as the listing operations take them. */
    public PageRequest page() {
        return new PageRequest(integer("PageNumber", 1), integer("PageSize", 10));
    }

    public int integer(String name, int defaultValue) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("The parameter " + name + " must be an integer; got '" + ApiException.abbreviate(value) + "'.");
        }
    }

    /** An optional number from 0 to 1, or null when absent. */
    public Double fraction(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.trim());
            if (number >= 0 && number <= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, as any out-of-range value
        }
        throw ApiException.invalidParameter("The parameter " + name + " must be a number from 0 to 1; got '" + ApiException.abbreviate(value) + "'.");
    }

    /** The optional Language parameter; zh-Hans when absent, as IMM answers. */
    public Language language() {
        String value = optional("Language");
        return value == null ? Language.ZH_HANS : Language.parse(value);
    }

    private static String checkId(String name, String value) {
        if (!Ids.isWellFormed(value)) {
            throw ApiException.invalidParameter("The parameter " + name + " must be an id of 32 lower-case hex digits; got '"
                + ApiException.abbreviate(value) + "'.");
        }
        return value;
    }

    private static String checkBytes(String name, String value, int maxBytes) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw ApiException.invalidParameter("The parameter " + name + " must be at most " + maxBytes
                + " bytes of UTF-8; got " + bytes + " bytes.");
        }
        return value;
    }

    /** Echoes bad input back to the caller without letting a huge value through. */
}
