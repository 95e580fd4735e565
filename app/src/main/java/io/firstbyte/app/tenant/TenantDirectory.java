package io.firstbyte.app.tenant;

import io.firstbyte.app.booking.cache.ListenedMemo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Finds the tenant a call or request belongs to: by the number the caller dialled, by id, or by API
 * key. Answers are cached in memory ({@code ttl}) while changes to tenants are heard ({@code epoch}, see
 * {@link ListenedMemo}); whoever hears a tenant change calls {@link #forget}. An unknown number or key,
 * a revoked key and a deactivated business complete empty.
 */
public final class TenantDirectory {

    private final TenantStore store;
    private final ListenedMemo<String, TenantInfo> byNumber;
    private final ListenedMemo<UUID, TenantInfo> byId;
    private final ListenedMemo<String, TenantInfo> byApiKey;

    public TenantDirectory(TenantStore store, Duration ttl, LongSupplier epoch) {
        this.store = store;
        this.byNumber = new ListenedMemo<>(ttl, UNHEARD_TTL, 10_000, epoch);
        this.byId = new ListenedMemo<>(ttl, UNHEARD_TTL, 10_000, epoch);
        this.byApiKey = new ListenedMemo<>(ttl, UNHEARD_TTL, 10_000, epoch);
    }

    /** How long an answer is kept while tenant changes are not being heard. */
    public static final Duration UNHEARD_TTL = Duration.ofSeconds(1);

    /**
     * Forgets what is held about a tenant: its id's entry, and every number and key (they are not
     * indexed by tenant, and changes are rare).
     */
    public void forget(String tenantId) {
        parseUuid(tenantId).ifPresent(byId::evict);
        byNumber.clear();
        byApiKey.clear();
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
