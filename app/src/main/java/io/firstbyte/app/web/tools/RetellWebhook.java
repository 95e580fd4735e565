package io.firstbyte.app.web.tools;

import io.firstbyte.app.booking.BookingTools;
import io.firstbyte.app.booking.IdempotencyKey;
import io.firstbyte.app.booking.Requester;
import io.firstbyte.app.booking.tools.ToolArgs;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.app.web.api.ApiResponses;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retell custom functions at {@code POST /tools/retell} ({@code {"name", "call": {..., "to_number"}, "args"}})
 * and, for the "arguments only" payload, {@code POST /tools/retell/{name}?to=<dialled number>}. The
 * tenant is the one answering on the dialled number. The answer is the tool's JSON, or
 * {@code {"error": "..."}} the agent can say; with an API key configured the
 * {@code X-Retell-Signature} must verify. A function runs for the call's caller ({@code from_number}),
 * and a change under the idempotency key call id + function + arguments, since Retell retries a
 * failed request (up to twice) without a request id: a retry gets the first answer. The
 * "arguments only" payload names no call, so it has neither: it cannot cancel or move a booking,
 * and its retries are not recognised.
 */
public final class RetellWebhook {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BookingTools tools;
    private final TenantDirectory tenants;
    private final @Nullable RetellSignature signature;

    public RetellWebhook(BookingTools tools, TenantDirectory tenants, @Nullable RetellSignature signature) {
        this.tools = tools;
        this.tenants = tenants;
        this.signature = signature;
    }

    public Mono<ServerResponse> handle(ServerRequest request) {
        return WebhookBodies.raw(request).flatMap(body -> {
            if (signature != null && !signature.verify(body, request.headers().firstHeader("X-Retell-Signature"))) {
                return ApiResponses.error(HttpStatus.UNAUTHORIZED, "missing, wrong or stale X-Retell-Signature");
            }
            JsonNode payload;
            try {
                payload = JSON.readTree(body.length == 0 ? "{}" : WebhookBodies.text(body));
            } catch (JacksonException e) {
                return ApiResponses.error(HttpStatus.BAD_REQUEST, "the body is not valid JSON");
            }
            String pathName = request.pathVariables().get("name");
            String name = pathName != null ? pathName : payload.path("name").asString("");
            JsonNode args = pathName != null ? payload : payload.path("args");
            String dialled = pathName != null ? WebhookBodies.numberParam(request, "to")
                    : payload.path("call").path("to_number").asString(WebhookBodies.numberParam(request, "to"));
            if (name.isEmpty() || !args.isObject()) {
                return ApiResponses.error(HttpStatus.BAD_REQUEST, "expected {\"name\": ..., \"args\": {...}}");
            }
            JsonNode call = payload.path("call");
            String callId = pathName != null ? "" : call.path("call_id").asString("");
            String caller = pathName == null && call.path("from_number").isString() ? call.path("from_number").asString() : null;
            IdempotencyKey key = callId.isEmpty() ? null : IdempotencyKey.retell(callId, name, ToolArgs.canonical(args));
            return tenants.byDialledNumber(dialled)
                    .map(TenantInfo::id)
                    .flatMap(tenantId -> tools.runJson(name, args, Requester.call(tenantId, caller, key)))
                    .flatMap(json -> ApiResponses.json(HttpStatus.OK, json))
                    .switchIfEmpty(Mono.defer(() -> ApiResponses.json(HttpStatus.OK,
                            JSON.createObjectNode().put("error", "no business is associated with the dialled number"))))
                    .onErrorResume(error -> error instanceof io.firstbyte.pipeline.tool.ToolException
                            ? ApiResponses.json(HttpStatus.OK, JSON.createObjectNode().put("error", error.getMessage()))
                            : ApiResponses.failure(error));
        });
    }
}
