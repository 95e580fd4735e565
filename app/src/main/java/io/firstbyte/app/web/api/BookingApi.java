package io.firstbyte.app.web.api;

import io.firstbyte.app.booking.AvailabilityWarmup;
import io.firstbyte.app.booking.BookingTools;
import io.firstbyte.app.booking.IdempotencyKey;
import io.firstbyte.app.booking.Requester;
import io.firstbyte.app.booking.tools.BookingToolSpecs;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantInfo;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The booking operations over plain HTTP JSON under {@code /api}. Every route except
 * {@code GET /api/tools} needs a tenant API key ({@code Authorization: Bearer <key>} or
 * {@code X-Api-Key}); the key alone decides the tenant. Creating, cancelling and rescheduling take an
 * {@code Idempotency-Key} header: a repeat gets the first answer (with its status), a different
 * request under a used key 422.
 */
public final class BookingApi {

    private final BookingTools tools;
    private final TenantDirectory tenants;
    private final AvailabilityWarmup warmup;
    private final Function<String, Mono<Long>> evictTenant;

    public BookingApi(BookingTools tools, TenantDirectory tenants, AvailabilityWarmup warmup,
                      Function<String, Mono<Long>> evictTenant) {
        this.tools = tools;
        this.tenants = tenants;
        this.warmup = warmup;
        this.evictTenant = evictTenant;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/api/tools", request -> ApiResponses.json(HttpStatus.OK, OpenAiTools.schemas(tools.specs())))
                .GET("/api/availability", request -> fromQuery(request, BookingToolSpecs.CHECK_AVAILABILITY,
                        List.of("service", "date", "time", "date_to", "staff")))
                .GET("/api/alternatives", request -> fromQuery(request, BookingToolSpecs.FIND_ALTERNATIVES,
                        List.of("service", "around", "count", "staff")))
                .GET("/api/next-available", request -> fromQuery(request, BookingToolSpecs.FIND_NEXT_AVAILABLE,
                        List.of("service", "after", "staff")))
                .POST("/api/bookings", this::create)
                .GET("/api/bookings", request -> fromQuery(request, BookingToolSpecs.FIND_MY_BOOKINGS,
                        List.of("customer_phone", "customer_name")))
                .GET("/api/bookings/{id}", request -> withTenant(request, tenant ->
                        tools.booking(tenant.id(), request.pathVariable("id"))
                                .flatMap(json -> ApiResponses.json(HttpStatus.OK, json))))
                .DELETE("/api/bookings/{id}", request -> withTenant(request, tenant -> withKey(request, tenant, who -> answer(
                        tools.runJson(BookingToolSpecs.CANCEL_BOOKING, object().put("booking_id", request.pathVariable("id")),
                                who), HttpStatus.OK))))
                .POST("/api/bookings/{id}/reschedule", this::reschedule)
                .POST("/api/warmup", request -> withTenant(request, tenant -> warmup.warm(tenant.id())
                        .then(ApiResponses.json(HttpStatus.OK, object().put("warmed", tenant.id())))))
                .DELETE("/api/cache", request -> withTenant(request, tenant -> evictTenant.apply(tenant.id())
                        .flatMap(removed -> ApiResponses.json(HttpStatus.OK, object().put("evicted", removed)))))
                .build();
    }

    private Mono<ServerResponse> fromQuery(ServerRequest request, String tool, List<String> parameters) {
        return withTenant(request, tenant -> {
            ObjectNode args = object();
            for (String name : parameters) {
                request.queryParam(name).ifPresent(value -> {
                    if ("count".equals(name) && value.matches("\\d{1,3}")) {
                        args.put(name, Integer.parseInt(value));
                    } else if ("customer_phone".equals(name) && value.startsWith(" ")) {
                        // an unencoded '+' in a query string arrives as a space
                        args.put(name, "+" + value.strip());
                    } else {
                        args.put(name, value);
                    }
                });
            }
            return answer(tools.runJson(tool, args, tenant.id()), HttpStatus.OK);
        });
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        return withTenant(request, tenant -> withKey(request, tenant, who -> body(request).flatMap(body ->
                answer(tools.runJson(BookingToolSpecs.CREATE_BOOKING, body, who), HttpStatus.CREATED))));
    }

    private Mono<ServerResponse> reschedule(ServerRequest request) {
        return withTenant(request, tenant -> withKey(request, tenant, who -> body(request).flatMap(body -> {
            if (!(body instanceof ObjectNode object)) {
                return ApiResponses.error(HttpStatus.BAD_REQUEST, "the body must be a JSON object");
            }
            object.put("booking_id", request.pathVariable("id"));
            return answer(tools.runJson(BookingToolSpecs.RESCHEDULE_BOOKING, object, who), HttpStatus.OK);
        })));
    }

    /** The tenant's client, with the request's {@code Idempotency-Key} when it sent one. */
    private static Mono<ServerResponse> withKey(ServerRequest request, TenantInfo tenant,
                                                Function<Requester, Mono<ServerResponse>> handler) {
        String header = request.headers().firstHeader("Idempotency-Key");
        if (header == null) {
            return handler.apply(Requester.api(tenant.id(), null));
        }
        return IdempotencyKey.client(header)
                .map(key -> handler.apply(Requester.api(tenant.id(), key)))
                .orElseGet(() -> ApiResponses.error(HttpStatus.BAD_REQUEST,
                        "Idempotency-Key must be 1 to 200 visible ASCII characters"));
    }

    /** A conflict answer is 409; anything else that succeeded gets {@code ok}. */
    private static Mono<ServerResponse> answer(Mono<JsonNode> result, HttpStatus ok) {
        return result.flatMap(json -> ApiResponses.json("conflict".equals(json.path("status").asString("")) ? HttpStatus.CONFLICT : ok, json))
                .onErrorResume(ApiResponses::failure);
    }

    private Mono<ServerResponse> withTenant(ServerRequest request, Function<TenantInfo, Mono<ServerResponse>> handler) {
        String key = apiKey(request);
        if (key == null) {
            return ApiResponses.error(HttpStatus.UNAUTHORIZED, "an API key is required (Authorization: Bearer <key>)");
        }
        return tenants.byApiKey(key)
                .flatMap(handler)
                .switchIfEmpty(Mono.defer(() -> ApiResponses.error(HttpStatus.UNAUTHORIZED, "unknown API key")))
                .onErrorResume(ApiResponses::failure);
    }

    private static String apiKey(ServerRequest request) {
        String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        return request.headers().firstHeader("X-Api-Key");
    }

    private static Mono<JsonNode> body(ServerRequest request) {
        return request.bodyToMono(String.class)
                .defaultIfEmpty("")
                .flatMap(text -> {
                    try {
                        return Mono.just(ApiResponses.JSON.readTree(text.isBlank() ? "{}" : text));
                    } catch (JacksonException e) {
                        return Mono.error(io.firstbyte.app.booking.BookingFailures.invalid("the body is not valid JSON"));
                    }
                });
    }

    private static ObjectNode object() {
        return ApiResponses.JSON.createObjectNode();
    }
}
