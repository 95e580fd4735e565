package io.firstbyte.app.web.records;

import io.firstbyte.app.records.CallQuery;
import io.firstbyte.app.records.CallRecord;
import io.firstbyte.app.records.CallRecordJson;
import io.firstbyte.app.records.CallRecordStore;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /admin/calls}: call records newest first, filtered by {@code business} (its id), {@code from}
 * and {@code to} (ISO-8601 instants, on the call's start), {@code end_reason} and {@code caller} (the exact
 * number), {@code number} (the exact caller's or dialled number), a page of {@code limit} (1-200, default 50) at a time, the next one at {@code cursor};
 * {@code GET /admin/calls/{id}}: one call with its whole transcript, by record id or by the gateway's
 * call id. Access is the authorization layer's business (the admin credential), not this handler's.
 */
public final class CallRecordsHandler {

    private static final Logger log = LoggerFactory.getLogger(CallRecordsHandler.class);
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final Pattern END_REASON = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Pattern CALLER = Pattern.compile("\\+?[0-9A-Za-z*#.:@_-]{1,64}");
    private static final Pattern CALL_ID = Pattern.compile("[0-9A-Za-z._:-]{1,128}");

    private final CallRecordStore store;

    public CallRecordsHandler(CallRecordStore store) {
        this.store = store;
    }

    public RouterFunction<ServerResponse> routes() {
        return routes("/admin/calls");
    }

    /** The same list and call under {@code base} (the operator console's own routes read them too). */
    public RouterFunction<ServerResponse> routes(String base) {
        return RouterFunctions.route()
                .GET(base, this::list)
                .GET(base + "/{id}", this::one)
                .build();
    }

    Mono<ServerResponse> list(ServerRequest request) {
        CallQuery query;
        try {
            query = query(request);
        } catch (BadParameter bad) {
            return error(HttpStatus.BAD_REQUEST, bad.getMessage());
        }
        return store.list(query)
                .flatMap(page -> json(page))
                .onErrorResume(this::unavailable);
    }

    Mono<ServerResponse> one(ServerRequest request) {
        String id = request.pathVariable("id");
        Mono<CallRecord> record = uuid(id).map(store::find).orElseGet(() -> CALL_ID.matcher(id).matches()
                ? store.findByCallId(id) : Mono.empty());
        return record
                .flatMap(call -> json(call))
                .switchIfEmpty(Mono.defer(() -> error(HttpStatus.NOT_FOUND, "no record of this call")))
                .onErrorResume(this::unavailable);
    }

    /** In the admin API's snake_case, as the records are stored. */
    private static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(CallRecordJson.MAPPER.writeValueAsString(body));
    }

    private static CallQuery query(ServerRequest request) {
        UUID business = param(request, "business").map(text -> uuid(text)
                .orElseThrow(() -> new BadParameter("business must be a business id (UUID)"))).orElse(null);
        Instant from = instant(request, "from");
        Instant to = instant(request, "to");
        String endReason = matching(request, "end_reason", END_REASON, "end_reason must be an end reason such as caller or error");
        String caller = matching(request, "caller", CALLER, "caller must be a phone number such as +4930123456");
        String number = matching(request, "number", CALLER, "number must be a phone number such as +4930123456");
        CallQuery.Cursor cursor = param(request, "cursor").map(text -> CallQuery.Cursor.decode(text)
                .orElseThrow(() -> new BadParameter("cursor must be the next value of a previous page"))).orElse(null);
        int limit = param(request, "limit").map(CallRecordsHandler::limit).orElse(DEFAULT_LIMIT);
        return new CallQuery(business, from, to, endReason, caller, cursor, limit, number);
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameter("limit must be a number from 1 to " + MAX_LIMIT);
    }

    private static @Nullable Instant instant(ServerRequest request, String name) {
        return param(request, name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeException e) {
                throw new BadParameter(name + " must be an ISO-8601 instant such as 2026-12-05T00:00:00Z");
            }
        }).orElse(null);
    }

    private static @Nullable String matching(ServerRequest request, String name, Pattern pattern, String message) {
        return param(request, name).map(text -> {
            if (!pattern.matcher(text).matches()) {
                throw new BadParameter(message);
            }
            return text;
        }).orElse(null);
    }

    private static Optional<String> param(ServerRequest request, String name) {
        return request.queryParam(name).map(String::strip).filter(text -> !text.isEmpty());
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text.length() == 36 ? Optional.of(UUID.fromString(text)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Mono<ServerResponse> unavailable(Throwable error) {
        log.warn("call records could not be read: {}", error.getClass().getSimpleName());
        return error(HttpStatus.SERVICE_UNAVAILABLE, "call records are unavailable right now; try again shortly");
    }

    private static Mono<ServerResponse> error(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("error", message));
    }

    /** A query parameter that cannot be understood; answered with 400 and its message. */
    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }
}
