package io.firstbyte.app.handover;

import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** A business's transfer number ({@code tenant.transfer_number}, E.164), read when a transfer is asked for. */
public final class TransferNumbers {

    private final DatabaseClient db;

    public TransferNumbers(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Optional<String>> of(UUID tenant) {
        return db.sql("select transfer_number from tenant where id = :id").bind("id", tenant)
                .map(row -> Optional.ofNullable(row.get("transfer_number", String.class)))
                .one()
                .defaultIfEmpty(Optional.empty());
    }
}
