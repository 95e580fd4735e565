package io.firstbyte.app.tenant;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Per-tenant provider credentials (an STT or TTS API key, for example), encrypted at rest. Without
 * a configured key the store is disabled: reads complete empty and writes fail with a clear message.
 * Values never reach a log line or an error message.
 */
public final class TenantCredentials {

    private final DatabaseClient db;
    private final @Nullable CredentialCipher cipher;

    public TenantCredentials(DatabaseClient db, @Nullable CredentialCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    public Mono<String> credential(String tenantId, String provider) {
        if (cipher == null) {
            return Mono.empty();
        }
        return db.sql("select nonce, ciphertext from tenant_credential where tenant_id = :tenant and provider = :provider")
                .bind("tenant", UUID.fromString(tenantId)).bind("provider", provider)
                .map(row -> new CredentialCipher.Sealed(row.get("nonce", byte[].class), row.get("ciphertext", byte[].class)))
                .one()
                .map(sealed -> cipher.open(tenantId, provider, sealed));
    }

    /** Every credential the tenant stored, by provider name; empty when none (or credentials are disabled). */
    public Mono<Map<String, String>> all(String tenantId) {
        if (cipher == null) {
            return Mono.just(Map.of());
        }
        return db.sql("select provider, nonce, ciphertext from tenant_credential where tenant_id = :tenant")
                .bind("tenant", UUID.fromString(tenantId))
                .map(row -> Map.entry(row.get("provider", String.class),
                        new CredentialCipher.Sealed(row.get("nonce", byte[].class), row.get("ciphertext", byte[].class))))
                .all()
                .collectMap(Map.Entry::getKey, entry -> cipher.open(tenantId, entry.getKey(), entry.getValue()));
    }

    public Mono<Void> store(String tenantId, String provider, String secret) {
        if (cipher == null) {
            return Mono.error(new IllegalStateException("credentials are disabled: set FIRSTBYTE_CREDENTIALS_KEY"));
        }
        return Mono.fromCallable(() -> cipher.seal(tenantId, provider, secret))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sealed -> db.sql("""
                        insert into tenant_credential (tenant_id, provider, nonce, ciphertext) values (:tenant, :provider, :nonce, :ciphertext)
                        on conflict (tenant_id, provider) do update set nonce = excluded.nonce,
                            ciphertext = excluded.ciphertext, updated_at = now()""")
                        .bind("tenant", UUID.fromString(tenantId)).bind("provider", provider)
                        .bind("nonce", sealed.nonce()).bind("ciphertext", sealed.ciphertext())
                        .then());
    }
}
