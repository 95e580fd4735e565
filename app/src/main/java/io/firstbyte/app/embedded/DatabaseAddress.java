package io.firstbyte.app.embedded;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL address parsed from any of the URL forms users paste: {@code postgres://},
 * {@code postgresql://}, {@code r2dbc:postgresql://} or {@code jdbc:postgresql://} (user and
 * password in the authority or as {@code user}/{@code password} query parameters).
 * {@link #toString()} never shows the password.
 */
public record DatabaseAddress(String host, int port, String database, String user, String password,
                              String sslMode) {

    public static DatabaseAddress parse(String url) {
        String text = url.strip();
        for (String prefix : new String[] {"jdbc:", "r2dbc:"}) {
            if (text.startsWith(prefix)) {
                text = text.substring(prefix.length());
            }
        }
        if (!text.startsWith("postgres://") && !text.startsWith("postgresql://")) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgres://, postgresql://, "
                    + "r2dbc:postgresql:// or jdbc:postgresql://");
        }
        URI uri = URI.create(text);
        Map<String, String> query = query(uri.getRawQuery());
        String[] userInfo = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
        String user = userInfo.length > 0 ? decode(userInfo[0]) : query.getOrDefault("user", "postgres");
        String password = userInfo.length > 1 ? decode(userInfo[1]) : query.getOrDefault("password", "");
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new DatabaseAddress(uri.getHost() == null ? "localhost" : uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 5432, path.isEmpty() ? "postgres" : decode(path),
                user, password, query.getOrDefault("sslmode", "disable"));
    }

    public DatabaseAddress withDatabase(String name) {
        return new DatabaseAddress(host, port, name, user, password, sslMode);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode;
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
