package io.firstbyte.app.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.PropertyResolver;

/**
 * Which mode the server runs in and which ingress it serves, decided once from the configuration.
 * Production is any ingress secret or external store set, or {@code FIRSTBYTE_MODE=production};
 * {@code FIRSTBYTE_MODE=development} is accepted beside external stores (a developer's own
 * PostgreSQL) but never beside a secret, so a production server is never silently opened. In
 * development every ingress is served unless its setting is {@code false}; in production only the
 * ones enabled, and an enabled one without its secret is a configuration error.
 */
public record IngressPolicy(ServingMode mode, String reason, Set<Ingress> served, Set<Ingress> secretSet,
                            List<String> variablesSet, List<String> warnings) {

    static final Setting MODE = new Setting("firstbyte.security.mode", "FIRSTBYTE_MODE");
    static final Setting OPERATOR_TOKEN = new Setting("firstbyte.operator.token", "OPERATOR_TOKEN");
    static final Setting METRICS_TOKEN = new Setting("firstbyte.security.metrics-token", "METRICS_TOKEN");
    static final Setting ADMIN_TOKEN = new Setting("firstbyte.admin.token", "ADMIN_TOKEN");
    private static final List<Setting> STORES = List.of(
            new Setting("firstbyte.database.url", "DATABASE_URL"), new Setting("firstbyte.redis.url", "REDIS_URL"));

    public IngressPolicy {
        served = Set.copyOf(served);
        secretSet = Set.copyOf(secretSet);
        variablesSet = List.copyOf(variablesSet);
        warnings = List.copyOf(warnings);
    }

    /**
     * Decides from the configuration.
     *
     * @throws IllegalStateException naming every variable to set or fix, when the configuration cannot be served
     */
    public static IngressPolicy decide(PropertyResolver environment) {
        List<String> problems = new ArrayList<>();
        List<String> secrets = secretsSet(environment);
        List<String> stores = STORES.stream().filter(store -> store.isSet(environment)).map(Setting::variable).toList();
        ServingMode mode = mode(MODE.value(environment), secrets, stores, problems);
        Set<Ingress> served = EnumSet.noneOf(Ingress.class);
        Set<Ingress> secretSet = EnumSet.noneOf(Ingress.class);
        List<String> warnings = new ArrayList<>();
        for (Ingress ingress : Ingress.values()) {
            boolean hasSecret = ingress.secret().isSet(environment);
            if (hasSecret) {
                secretSet.add(ingress);
            }
            Boolean flag = flag(ingress.enabled(), environment, problems);
            boolean on = mode == ServingMode.DEVELOPMENT ? !Boolean.FALSE.equals(flag)
                    : ingress.enabled() == null ? hasSecret : Boolean.TRUE.equals(flag);
            if (on) {
                served.add(ingress);
            }
            if (mode == ServingMode.PRODUCTION && on && !hasSecret) {
                problems.add(ingress.secret().variable() + " (" + ingress.title() + " is enabled by "
                        + ingress.enabled().variable() + "=true)");
            }
            if (mode == ServingMode.PRODUCTION && hasSecret && !on && ingress.enabled() != null && flag == null
                    && ingress != Ingress.AUDIOSOCKET) {
                warnings.add(ingress.secret().variable() + " is set but " + ingress.enabled().variable()
                        + " is not true: " + ingress.title() + " is not served");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Firstbyte cannot start in " + mode.name().toLowerCase(Locale.ROOT)
                    + " mode; set or fix: " + String.join("; ", new LinkedHashSet<>(problems)));
        }
        return new IngressPolicy(mode, reason(mode, MODE.value(environment), secrets, stores), served, secretSet,
                secrets, warnings);
    }

    public boolean serves(Ingress ingress) {
        return served.contains(ingress);
    }

    /** True when the ingress's own secret is configured (its credentials are then required). */
    public boolean hasSecret(Ingress ingress) {
        return secretSet.contains(ingress);
    }

    /** The one start-up line: which mode, why, and what it opens. */
    public String describe() {
        if (mode == ServingMode.DEVELOPMENT) {
            return "DEVELOPMENT mode (" + reason + "): everything is open to this machine (gateways and webhooks"
                    + " need no credentials; call control, metrics and the admin API answer loopback clients only). Set a secret"
                    + " (docs/security.md) or FIRSTBYTE_MODE=production to run closed.";
        }
        String servedNames = served.isEmpty() ? "no call ingress"
                : served.stream().sorted().map(Ingress::title).collect(Collectors.joining(", "));
        String closed = Stream.of(Ingress.values()).filter(ingress -> !served.contains(ingress)).map(Ingress::title)
                .collect(Collectors.joining(", "));
        return "PRODUCTION mode (" + reason + "): serving " + servedNames + (closed.isEmpty() ? "" : "; not served: " + closed)
                + "; call control: " + (variablesSet.contains(OPERATOR_TOKEN.variable()) ? "bearer OPERATOR_TOKEN"
                        : "closed (set OPERATOR_TOKEN)")
                + "; metrics: " + (variablesSet.contains(METRICS_TOKEN.variable()) || variablesSet.contains(OPERATOR_TOKEN.variable())
                        ? "bearer token" : "closed (set METRICS_TOKEN)")
                + "; admin API: " + (variablesSet.contains(ADMIN_TOKEN.variable()) ? "bearer ADMIN_TOKEN" : "closed (set ADMIN_TOKEN)")
                + ".";
    }

    private static ServingMode mode(String requested, List<String> secrets, List<String> stores, List<String> problems) {
        switch (requested.toLowerCase(Locale.ROOT)) {
            case "" -> {
                return secrets.isEmpty() && stores.isEmpty() ? ServingMode.DEVELOPMENT : ServingMode.PRODUCTION;
            }
            case "production" -> {
                return ServingMode.PRODUCTION;
            }
            case "development" -> {
                if (!secrets.isEmpty()) {
                    problems.add(MODE.variable() + "=development cannot be used while " + String.join(", ", secrets)
                            + " is set (a secret means production): unset one or the other");
                    return ServingMode.PRODUCTION;
                }
                return ServingMode.DEVELOPMENT;
            }
            default -> {
                problems.add(MODE.variable() + " must be development or production, not '" + requested + "'");
                return ServingMode.PRODUCTION;
            }
        }
    }

    private static String reason(ServingMode mode, String requested, List<String> secrets, List<String> stores) {
        if (!requested.isEmpty()) {
            List<String> set = Stream.concat(secrets.stream(), stores.stream()).toList();
            return MODE.variable() + "=" + requested.toLowerCase(Locale.ROOT) + (set.isEmpty() ? "" : ", " + String.join(", ", set) + " set");
        }
        if (mode == ServingMode.DEVELOPMENT) {
            return "no secret and no external store set";
        }
        return String.join(", ", Stream.concat(secrets.stream(), stores.stream()).toList()) + " set";
    }

    /** The variables of every ingress, operator and scrape secret that is set. */
    private static List<String> secretsSet(PropertyResolver environment) {
        Set<String> set = new LinkedHashSet<>();
        Stream.concat(Stream.of(OPERATOR_TOKEN, METRICS_TOKEN, ADMIN_TOKEN), Stream.of(Ingress.values()).map(Ingress::secret))
                .filter(secret -> secret.isSet(environment))
                .forEach(secret -> set.add(secret.variable()));
        return List.copyOf(set);
    }

    private static @Nullable Boolean flag(@Nullable Setting setting, PropertyResolver environment, List<String> problems) {
        if (setting == null) {
            return null;
        }
        String value = setting.value(environment).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> null;
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(setting.variable() + " must be true or false");
                yield null;
            }
        };
    }
}
