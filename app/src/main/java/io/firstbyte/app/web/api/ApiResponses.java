package io.firstbyte.app.web.api;

import io.firstbyte.app.booking.BookingFailures;
import io.firstbyte.app.web.errors.OversizedBodies;
import io.firstbyte.pipeline.tool.ToolException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON answers and the status code each failure kind maps to; error bodies are {@code {"error": "..."}}. */
public final class ApiResponses {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiResponses() {
    }

    public static Mono<ServerResponse> json(HttpStatus status, JsonNode body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body.toString());
    }

    public static Mono<ServerResponse> error(HttpStatus status, String message) {
        return json(status, JSON.createObjectNode().put("error", message));
    }

    /**
     * The answer for a failed operation: 400, 404, 429 or 503 with its safe message. An oversized
     * request body is not a failed operation: it is passed on to {@link OversizedBodies} (413).
     */
    public static Mono<ServerResponse> failure(Throwable error) {
        if (OversizedBodies.isOversized(error)) {
            return Mono.error(error);
        }
        if (error instanceof BookingFailures.Classified classified) {
            return error(switch (classified.kind()) {
                case INVALID -> HttpStatus.BAD_REQUEST;
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
                case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
                case KEY_REUSED -> HttpStatus.UNPROCESSABLE_CONTENT;
                case KEY_IN_PROGRESS -> HttpStatus.CONFLICT;
            }, classified.getMessage());
        }
        if (error instanceof ToolException tool) {
            return error(HttpStatus.BAD_REQUEST, tool.getMessage());
        }
        return error(HttpStatus.SERVICE_UNAVAILABLE, "the booking system is not reachable right now");
    }
}
