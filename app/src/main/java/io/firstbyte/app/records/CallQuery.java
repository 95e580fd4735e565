package io.firstbyte.app.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which call records to list, newest first: each filter optional ({@code from} inclusive, {@code to}
 * exclusive, on the start of the call; {@code caller} the exact number; {@code number} the exact
 * caller's or dialled number), one page of at most {@code limit} after {@code after} (the previous page's cursor).
 */
public record CallQuery(@Nullable UUID tenantId, @Nullable Instant from, @Nullable Instant to, @Nullable String endReason,
                        @Nullable String caller, @Nullable Cursor after, int limit, @Nullable String number) {

    public CallQuery(@Nullable UUID tenantId, @Nullable Instant from, @Nullable Instant to, @Nullable String endReason,
                     @Nullable String caller, @Nullable Cursor after, int limit) {
        this(tenantId, from, to, endReason, caller, after, limit, null);
    }

    /** Where a page ended: the last call's start and id. Opaque to clients. */
    public record Cursor(Instant startedAt, UUID id) {

        public String encode() {
            String plain = startedAt.getEpochSecond() + "." + startedAt.getNano() + "." + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        /** Empty when {@code text} is no cursor this server gave out. */
        public static Optional<Cursor> decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\.", 3);
                if (parts.length != 3) {
                    return Optional.empty();
                }
                return Optional.of(new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                        UUID.fromString(parts[2])));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
    }
}
