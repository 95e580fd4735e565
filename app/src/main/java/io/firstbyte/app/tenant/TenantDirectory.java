package io.firstbyte.app.tenant;

import io.firstbyte.app.booking.cache.LocalMemo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Finds the tenant a call or request belongs to: by the number the caller dialled, by id, or by API
 * key. Answers are cached in memory ({@code ttl}); an unknown number or key completes empty.
 */
public final class TenantDirectory {

    private final TenantStore store;
    private final LocalMemo<String, TenantInfo> byNumber;
    private final LocalMemo<UUID, TenantInfo> byId;
    private final LocalMemo<String, TenantInfo> byApiKey;

    public TenantDirectory(TenantStore store, Duration ttl) {
        this.store = store;
        this.byNumber = new LocalMemo<>(ttl, 10_000);
        this.byId = new LocalMemo<>(ttl, 10_000);
        this.byApiKey = new LocalMemo<>(ttl, 10_000);
    }

    /** The tenant answering on {@code e164} (any common formatting accepted); empty when none does. */
    public Mono<TenantInfo> byDialledNumber(String e164) {
        return PhoneNumbers.e164(e164).map(number -> byNumber.get(number, store::byNumber)).orElse(Mono.empty());
    }

    /** The tenant with this id (a UUID string); empty when the text is not a known tenant's id. */
    public Mono<TenantInfo> byId(String tenantId) {
        return parseUuid(tenantId).map(id -> byId.get(id, store::byId)).orElse(Mono.empty());
    }

    /** The tenant owning this API key; empty for an unknown key. */
    public Mono<TenantInfo> byApiKey(String apiKey) {
        if (apiKey.isBlank() || apiKey.length() > 200) {
            return Mono.empty();
        }
        byte[] digest = sha256(apiKey);
        return byApiKey.get(HexFormat.of().formatHex(digest), hex -> store.byApiKeyDigest(digest));
    }

    public static Optional<UUID> parseUuid(String text) {
        if (text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
