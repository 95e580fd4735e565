package io.firstbyte.app.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A business's keys for {@code /api}. A key is {@code fbk_<8 hex>_<32 base64url>}: 192 random bits
 * after a public prefix that names it in lists and revocations. Only its SHA-256 digest is stored, so
 * the key is shown once, when created. A revoked key stays listed (with when it was revoked) and
 * finds nothing; revoking bumps the tenant's revision so every instance forgets it at once.
 */
final class ApiKeyStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PREFIX_LENGTH = "fbk_".length() + 8;

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    ApiKeyStore(DatabaseClient db, TransactionalOperator transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /** The new key's listing with the key itself ({@code key}), the one time it is shown. */
    Mono<ObjectNode> create(UUID tenant, @Nullable String label) {
        return Mono.fromCallable(ApiKeyStore::newKey).subscribeOn(Schedulers.boundedElastic())
                .flatMap(key -> transactions.transactional(Sql.requireBusiness(db, tenant).then(db.sql("""
                                insert into tenant_api_key (key_sha256, tenant_id, label, prefix) values (:digest, :tenant, :label, :prefix)
                                returning prefix, label, created_at, revoked_at""")
                        .bind("digest", sha256(key)).bind("tenant", tenant).bind("label", label == null ? "" : label)
                        .bind("prefix", prefix(key))
                        .map(row -> listing(row.get("prefix", String.class), row.get("label", String.class),
                                row.get("created_at", OffsetDateTime.class), null).put("key", key))
                        .one())));
    }

    Mono<ArrayNode> list(UUID tenant) {
        return Sql.requireBusiness(db, tenant).thenMany(db.sql(
                        "select prefix, label, created_at, revoked_at from tenant_api_key where tenant_id = :tenant "
                                + "order by created_at, prefix")
                        .bind("tenant", tenant)
                        .map(row -> listing(row.get("prefix", String.class), row.get("label", String.class),
                                row.get("created_at", OffsetDateTime.class), row.get("revoked_at", OffsetDateTime.class)))
                        .all())
                .collect(JsonNodeFactory.instance::arrayNode, ArrayNode::add);
    }

    /** Revokes the key named by {@code prefix}; revoking a revoked key again changes nothing. */
    Mono<Void> revoke(UUID tenant, String prefix) {
        return transactions.transactional(db.sql("update tenant_api_key set revoked_at = coalesce(revoked_at, now()) "
                        + "where tenant_id = :tenant and prefix = :prefix")
                .bind("tenant", tenant).bind("prefix", prefix).fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.error(AdminProblem.notFound("this business has no API key " + prefix))
                        : Sql.bumpRevision(db, tenant)));
    }

    private static ObjectNode listing(@Nullable String prefix, @Nullable String label, @Nullable OffsetDateTime created,
                                      @Nullable OffsetDateTime revoked) {
        return JsonNodeFactory.instance.objectNode().put("prefix", prefix).put("label", label)
                .put("created_at", created == null ? null : created.toInstant().toString())
                .put("revoked_at", revoked == null ? null : revoked.toInstant().toString());
    }

    private static String newKey() {
        byte[] id = new byte[4];
        byte[] secret = new byte[24];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return "fbk_" + HexFormat.of().formatHex(id) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** {@code fbk_} and the 8 hex digits (the secret part may contain {@code _} itself). */
    private static String prefix(String key) {
        return key.substring(0, PREFIX_LENGTH);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
