package io.firstbyte.app.providers;

import io.firstbyte.app.booking.cache.LocalMemo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A tenant's own choice of providers: its {@code settings.providers} object (for example
 * {@code {"tts": "elevenlabs", "voice": "…", "llm-model": "gpt-4o"}}, see
 * {@link ProviderSelection#withTenant}) and the keys it stored (encrypted) per provider name,
 * applied over the server's default selection. Answers are kept for {@code ttl}. A tenant with
 * neither, or whose choice cannot work (an unknown provider, a key nobody has), gets none, and its
 * calls use the server's providers.
 */
public final class TenantProviderOverrides {

    private static final Logger log = LoggerFactory.getLogger(TenantProviderOverrides.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderSelection defaults;
    private final Function<String, Mono<String>> settingsJson;
    private final Function<String, Mono<Map<String, String>>> storedKeys;
    private final LocalMemo<String, Optional<ProviderSelection>> memo;

    /**
     * {@code settingsJson} gives a tenant's {@code settings.providers} as JSON text (empty when
     * none); {@code storedKeys} its decrypted keys by provider name.
     */
    public TenantProviderOverrides(ProviderSelection defaults, Function<String, Mono<String>> settingsJson,
                                   Function<String, Mono<Map<String, String>>> storedKeys, Duration ttl) {
        this.defaults = defaults;
        this.settingsJson = settingsJson;
        this.storedKeys = storedKeys;
        this.memo = new LocalMemo<>(ttl, 10_000);
    }

    /** The selection for {@code tenantId}'s calls when it differs from the server's; empty otherwise. */
    public Mono<Optional<ProviderSelection>> forTenant(String tenantId) {
        return memo.get(tenantId, this::lookUp);
    }

    private Mono<Optional<ProviderSelection>> lookUp(String tenantId) {
        return Mono.zip(settingsJson.apply(tenantId).map(TenantProviderOverrides::settings).defaultIfEmpty(Map.of()),
                        storedKeys.apply(tenantId).defaultIfEmpty(Map.of()))
                .map(both -> choose(tenantId, both.getT1(), both.getT2()));
    }

    Optional<ProviderSelection> choose(String tenantId, Map<String, String> settings, Map<String, String> keys) {
        Map<String, String> usable = new LinkedHashMap<>(keys);
        usable.keySet().retainAll(defaults.credentialNames());
        if (settings.isEmpty() && usable.isEmpty()) {
            return Optional.empty();
        }
        ProviderSelection chosen = defaults.withTenant(settings, usable);
        if (chosen.equals(defaults)) {
            return Optional.empty();
        }
        var problems = chosen.problems();
        if (!problems.isEmpty()) {
            log.warn("tenant {}: its provider settings cannot be used ({}); its calls use the server's providers",
                    tenantId, String.join("; ", problems));
            return Optional.empty();
        }
        return Optional.of(chosen);
    }

    /** A JSON object's scalar members as text; anything else is ignored. */
    static Map<String, String> settings(String json) {
        Map<String, String> settings = new LinkedHashMap<>();
        JsonNode node = JSON.readTree(json);
        node.properties().forEach(member -> {
            if (member.getValue().isValueNode() && !member.getValue().isNull()) {
                settings.put(member.getKey(), member.getValue().asString());
            }
        });
        return settings;
    }
}
