package io.firstbyte.app.messages;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A business's messages in the admin API (who may call it is the security layer's decision, as for all
 * of {@code /admin}): {@code GET /admin/businesses/{id}/messages[?status=open|handled|all][&limit=n]},
 * newest first (default: open ones, 50), and {@code POST /admin/businesses/{id}/messages/{message}/handled},
 * which may be repeated. An unknown business or message is a 404, a bad query a 400, a database that
 * cannot be reached a 503, each with {@code {"error": ...}}.
 */
public final class MessagesApi {

    private static final Logger log = LoggerFactory.getLogger(MessagesApi.class);
    private static final String MESSAGES = "/admin/businesses/{id}/messages";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final MessageStore messages;

    public MessagesApi(MessageStore messages) {
        this.messages = messages;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(MESSAGES, request -> withBusiness(request, business -> list(request, business)))
                .POST(MESSAGES + "/{message}/handled", request -> withBusiness(request, business -> uuid(request.pathVariable("message"))
                        .map(message -> messages.markHandled(business, message).flatMap(MessagesApi::ok)
                                .switchIfEmpty(Mono.defer(() -> error(HttpStatus.NOT_FOUND, "this business has no such message"))))
                        .orElseGet(() -> error(HttpStatus.NOT_FOUND, "this business has no such message"))))
                .build();
    }

    private Mono<ServerResponse> list(ServerRequest request, UUID business) {
        String status = request.queryParam("status").orElse("open");
        if (!List.of("open", "handled", "all").contains(status)) {
            return error(HttpStatus.BAD_REQUEST, "status must be open, handled or all");
        }
        Boolean handled = status.equals("all") ? null : status.equals("handled");
        Optional<Integer> limit = request.queryParam("limit").map(MessagesApi::limit);
        if (limit.isPresent() && limit.get() < 1) {
            return error(HttpStatus.BAD_REQUEST, "limit must be a number from 1 to " + MAX_LIMIT);
        }
        return messages.list(business, handled, limit.orElse(DEFAULT_LIMIT))
                .flatMap(list -> ok(MessageStore.JSON.createObjectNode().set("messages", list)));
    }

    private static int limit(String raw) {
        try {
            int limit = Integer.parseInt(raw);
            return limit <= MAX_LIMIT ? limit : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Mono<ServerResponse> withBusiness(ServerRequest request, Function<UUID, Mono<ServerResponse>> handler) {
        Optional<UUID> id = uuid(request.pathVariable("id"));
        Mono<ServerResponse> answer = id.map(business -> messages.businessExists(business)
                        .flatMap(exists -> exists ? handler.apply(business) : notFound()))
                .orElseGet(MessagesApi::notFound);
        return answer.onErrorResume(error -> {
            log.warn("admin messages request failed: {}", error.toString());
            return error(HttpStatus.SERVICE_UNAVAILABLE, "the database could not be reached; try again");
        });
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text.length() == 36 ? Optional.of(UUID.fromString(text)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Mono<ServerResponse> notFound() {
        return error(HttpStatus.NOT_FOUND, "no such business");
    }

    private static Mono<ServerResponse> ok(JsonNode body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body.toString());
    }

    private static Mono<ServerResponse> error(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(MessageStore.JSON.createObjectNode().put("error", message).toString());
    }
}
