package io.firstbyte.app.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The server's own configuration, application.yaml as the server reads it from its class path: values
 * by dotted path, the default of a {@code ${VARIABLE:default}} value, and every environment variable
 * it names. What the image and the Kubernetes manifests must agree with.
 */
final class ApplicationYaml {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):(.*)}");

    private final String text;
    private final Map<String, Object> tree;

    private ApplicationYaml(String text) {
        this.text = text;
        this.tree = new Yaml().load(text);
    }

    static ApplicationYaml load() {
        try (InputStream in = ApplicationYaml.class.getResourceAsStream("/application.yaml")) {
            if (in == null) {
                throw new IllegalStateException("application.yaml is not on the class path");
            }
            return new ApplicationYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw value at {@code path} (e.g. {@code server.port}), if the file sets one. */
    Optional<String> value(String path) {
        Object node = tree;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            node = map.get(key);
        }
        return node == null || node instanceof Map<?, ?> ? Optional.empty() : Optional.of(String.valueOf(node));
    }

    /** The value at {@code path} when its variable is not set: the default of {@code ${VARIABLE:default}}. */
    Optional<String> defaultValue(String path) {
        return value(path).map(raw -> {
            Matcher placeholder = PLACEHOLDER.matcher(raw);
            return placeholder.matches() ? placeholder.group(2) : raw;
        });
    }

    /** The environment variable that sets {@code path}: the one its {@code ${VARIABLE:default}} names. */
    Optional<String> variable(String path) {
        return value(path).map(PLACEHOLDER::matcher).filter(Matcher::matches).map(placeholder -> placeholder.group(1));
    }

    /** The dotted path of every value the file sets. */
    Set<String> paths() {
        Set<String> paths = new TreeSet<>();
        collect("", tree, paths);
        return paths;
    }

    private static void collect(String prefix, Map<?, ?> node, Set<String> paths) {
        node.forEach((key, value) -> {
            String path = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> child) {
                collect(path, child, paths);
            } else {
                paths.add(path);
            }
        });
    }

    /** Every environment variable the file names in a placeholder. */
    Set<String> variables() {
        Set<String> names = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
