package io.firstbyte.app.web.tools;

import io.firstbyte.app.booking.BookingTools;
import io.firstbyte.app.booking.IdempotencyKey;
import io.firstbyte.app.booking.Requester;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.app.web.api.ApiResponses;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vapi's {@code tool-calls} server message at {@code POST /tools/vapi}. The tenant is the one
 * answering on the number the caller dialled ({@code message.call.phoneNumber.number}, or the
 * {@code number} query parameter of the configured server URL); each tool call is answered in order
 * with {@code result} (the tool's JSON as text) or {@code error}. When a secret is configured the
 * request must carry it in {@code X-Vapi-Secret} or as a bearer token. Each call runs for the caller
 * ({@code message.call.customer.number}) under its {@code toolCallId} as idempotency key, so a retry
 * gets the first answer. A request with more than {@value #MAX_TOOL_CALLS} tool calls runs none.
 */
public final class VapiWebhook {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** More than a model asks for in one turn; a bound on the work one request can start. */
    static final int MAX_TOOL_CALLS = 32;

    private final BookingTools tools;
    private final TenantDirectory tenants;
    private final String secret;

    public VapiWebhook(BookingTools tools, TenantDirectory tenants, String secret) {
        this.tools = tools;
        this.tenants = tenants;
        this.secret = secret;
    }

    public Mono<ServerResponse> handle(ServerRequest request) {
        if (!authorised(request)) {
            return ApiResponses.error(HttpStatus.UNAUTHORIZED, "missing or wrong Vapi secret");
        }
        return WebhookBodies.raw(request).flatMap(body -> {
            JsonNode message;
            try {
                message = JSON.readTree(WebhookBodies.text(body)).path("message");
            } catch (JacksonException e) {
                return ApiResponses.error(HttpStatus.BAD_REQUEST, "the body is not valid JSON");
            }
            if (!"tool-calls".equals(message.path("type").asString(""))) {
                return ApiResponses.json(HttpStatus.OK, JSON.createObjectNode());
            }
            JsonNode calls = message.path("toolCallList");
            if (!calls.isArray()) {
                return ApiResponses.error(HttpStatus.BAD_REQUEST, "message.toolCallList must be an array");
            }
            if (calls.size() > MAX_TOOL_CALLS) {
                return ApiResponses.error(HttpStatus.CONTENT_TOO_LARGE, "a request may carry at most " + MAX_TOOL_CALLS
                        + " tool calls, this one has " + calls.size() + "; none was run");
            }
            String number = dialledNumber(message, request);
            String caller = callerNumber(message);
            return tenants.byDialledNumber(number)
                    .map(TenantInfo::id)
                    .defaultIfEmpty("")
                    .flatMap(tenantId -> answerAll(calls, tenantId, caller))
                    .flatMap(results -> ApiResponses.json(HttpStatus.OK, JSON.createObjectNode().set("results", results)))
                    .onErrorResume(ApiResponses::failure);
        });
    }

    private Mono<ArrayNode> answerAll(JsonNode calls, String tenantId, @Nullable String caller) {
        return Flux.fromIterable(calls::iterator)
                .concatMap(call -> answer(call, tenantId, caller))
                .collectList()
                .map(results -> {
                    ArrayNode array = JSON.createArrayNode();
                    results.forEach(array::add);
                    return array;
                });
    }

    private Mono<ObjectNode> answer(JsonNode call, String tenantId, @Nullable String caller) {
        String id = call.path("id").asString("");
        JsonNode function = call.has("function") ? call.path("function") : call;
        String name = function.path("name").asString("");
        JsonNode arguments = function.path("arguments");
        ObjectNode result = JSON.createObjectNode().put("toolCallId", id);
        if (tenantId.isEmpty()) {
            return Mono.just(result.put("error", "no business is associated with the dialled number"));
        }
        Requester requester = Requester.call(tenantId, caller, id.isEmpty() ? null : IdempotencyKey.vapi(id));
        Mono<String> run = arguments.isString()
                ? tools.run(name, arguments.asString(), requester)
                : tools.runJson(name, arguments.isMissingNode() ? JSON.createObjectNode() : arguments, requester)
                        .map(JsonNode::toString);
        return run.map(text -> result.put("result", text))
                .onErrorResume(error -> Mono.just(result.put("error", error.getMessage() == null
                        ? "the booking tool failed" : error.getMessage())));
    }

    private static @Nullable String callerNumber(JsonNode message) {
        for (JsonNode candidate : new JsonNode[] {message.path("call").path("customer").path("number"),
                message.path("customer").path("number")}) {
            if (candidate.isString()) {
                return candidate.asString();
            }
        }
        return null;
    }

    private static String dialledNumber(JsonNode message, ServerRequest request) {
        for (JsonNode candidate : new JsonNode[] {message.path("call").path("phoneNumber").path("number"),
                message.path("phoneNumber").path("number")}) {
            if (candidate.isString()) {
                return candidate.asString();
            }
        }
        return WebhookBodies.numberParam(request, "number");
    }

    private boolean authorised(ServerRequest request) {
        if (secret.isEmpty()) {
            return true;
        }
        String header = request.headers().firstHeader("X-Vapi-Secret");
        String bearer = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header == null && bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
            header = bearer.substring(7).strip();
        }
        return header != null && WebhookBodies.sameSecret(secret, header);
    }
}
