package io.firstbyte.app.admin;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Small helpers for the admin stores' statements. */
final class Sql {

    private Sql() {
    }

    static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, String name, @Nullable Object value,
                                                  Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /**
     * Bumps the tenant's revision inside the caller's transaction: its commit announces the change on
     * channel {@code tenant_revision}, and cached slots of the old revision are no longer read.
     */
    static Mono<Void> bumpRevision(DatabaseClient db, UUID tenant) {
        return db.sql("update tenant set revision = revision + 1, updated_at = now() where id = :id")
                .bind("id", tenant).fetch().rowsUpdated().then();
    }

    /** Completes when the business exists (active or not); a 404 otherwise. */
    static Mono<Void> requireBusiness(DatabaseClient db, UUID tenant) {
        return db.sql("select 1 as found from tenant where id = :id").bind("id", tenant).map(row -> 1).one()
                .switchIfEmpty(Mono.error(() -> AdminProblem.notFound("no business with id " + tenant)))
                .then();
    }
}
