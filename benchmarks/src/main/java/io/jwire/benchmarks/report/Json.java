package io.jwire.benchmarks.report;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.util.List;
import java.util.Map;

/**
 * JMH's {@code -rf json} output read with Gson into plain values: objects become {@link Map}s,
 * arrays {@link List}s, numbers {@link Double}s (JMH writes {@code "NaN"} as a string, which
 * {@link #number(Object)} accepts).
 */
final class Json {
    private static final Gson GSON = new Gson();

    private Json() {
    }

    /**
     * Parses one JSON value that spans all of {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is not one well-formed JSON value
     */
    static Object parse(String text) {
        try {
            return GSON.fromJson(text, Object.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not JMH json: " + e.getMessage(), e);
        }
    }

    /** A JSON number, or a string such as {@code "NaN"} that JMH writes for a missing number. */
    static double number(Object o) {
        if (o instanceof Double d) {
            return d;
        }
        if (o instanceof String s) {
            return Double.parseDouble(s);
        }
        return Double.NaN;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
