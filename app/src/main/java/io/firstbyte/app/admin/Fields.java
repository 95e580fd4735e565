package io.firstbyte.app.admin;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one JSON object of a request, collecting every problem (unknown fields, wrong types, values
 * out of range) so that one 400 names them all. {@link #check()} throws when there was any.
 */
final class Fields {

    private final ObjectNode node;
    private final String where;
    private final List<String> problems;

    private Fields(ObjectNode node, String where, List<String> problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
    }

    /** The body's fields; only {@code allowed} ones may be present. */
    static Fields of(JsonNode body, Set<String> allowed) {
        if (!(body instanceof ObjectNode object)) {
            throw AdminProblem.invalid("the body must be a JSON object");
        }
        Fields fields = new Fields(object, "", new ArrayList<>());
        fields.onlyAllowed(allowed);
        return fields;
    }

    /** The fields of a nested object ({@code where} names it in messages), sharing this one's problems. */
    @Nullable Fields nested(JsonNode value, String where, Set<String> allowed) {
        if (!(value instanceof ObjectNode object)) {
            problem(where + " must be an object");
            return null;
        }
        Fields fields = new Fields(object, where + ".", problems);
        fields.onlyAllowed(allowed);
        return fields;
    }

    boolean has(String name) {
        return node.has(name);
    }

    boolean isNull(String name) {
        return node.has(name) && node.get(name).isNull();
    }

    JsonNode raw(String name) {
        return node.path(name);
    }

    /** A string of 1 to {@code max} characters (stripped); null when absent or null, or when {@code required} and missing (a problem). */
    @Nullable String text(String name, boolean required, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                problem(where + name + " is required");
            }
            return null;
        }
        if (!value.isString()) {
            problem(where + name + " must be a string");
            return null;
        }
        String text = value.asString().strip();
        if (text.isEmpty() || text.length() > max) {
            problem(where + name + " must be 1 to " + max + " characters");
            return null;
        }
        return text;
    }

    /** An integer from {@code min} to {@code max}; {@code fallback} when absent or null. */
    int integer(String name, int min, int max, int fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            problem(where + name + " must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return value.intValue();
    }

    /** A boolean; {@code fallback} when absent or null. */
    boolean bool(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(where + name + " must be true or false");
            return fallback;
        }
        return value.booleanValue();
    }

    /** The array's elements; empty when absent or null (a problem when not an array or longer than {@code max}). */
    List<JsonNode> array(String name, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problem(where + name + " must be an array");
            return List.of();
        }
        if (value.size() > max) {
            problem(where + name + " may have at most " + max + " entries");
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    void problem(String message) {
        problems.add(message);
    }

    String where() {
        return where;
    }

    /** Throws a 400 naming every problem found so far. */
    void check() {
        if (!problems.isEmpty()) {
            throw AdminProblem.invalid(String.join("; ", problems));
        }
    }

    private void onlyAllowed(Set<String> allowed) {
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add("unknown field " + where + (name.matches("[A-Za-z0-9_]{1,40}") ? name : "?")
                        + " (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }
}
