package io.firstbyte.app.admin;

import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.WebhookSecrets;
import io.firstbyte.app.web.errors.OversizedBodies;
import java.net.URI;
import java.time.Clock;
import java.util.Iterator;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API: businesses with their numbers, hours and closures, services, staff, API keys, and
 * their bookings by day, as JSON under {@code /admin} (who may call it is decided by the security
 * layer: {@code ADMIN_TOKEN}). Creates answer 201 with a Location; PUTs replace and may be repeated;
 * DELETEs deactivate or revoke (204) and may be repeated. Bad input is a 400 naming every problem,
 * an unknown id a 404, a name or number already taken a 409. Every change bumps the business's
 * revision, and this instance forgets what it held about the business as soon as the change commits
 * ({@code changed}); the others when PostgreSQL announces it.
 */
public final class AdminApi {

    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BUSINESS = "/admin/businesses/{id}";

    private final BusinessStore businesses;
    private final ServiceStore services;
    private final StaffStore staff;
    private final ApiKeyStore keys;
    private final BookingListing bookings;
    private final Consumer<UUID> changed;

    public AdminApi(DatabaseClient db, TransactionalOperator transactions, WebhookSecrets secrets, Clock clock,
                    Consumer<UUID> changed) {
        this.businesses = new BusinessStore(db, transactions, secrets);
        this.services = new ServiceStore(db, transactions);
        this.staff = new StaffStore(db, transactions);
        this.keys = new ApiKeyStore(db, transactions);
        this.bookings = new BookingListing(db, clock);
        this.changed = changed;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/admin/businesses", request -> handle(() -> businesses.list()
                        .flatMap(list -> ok(JSON.createObjectNode().set("businesses", list)))))
                .POST("/admin/businesses", request -> handle(() -> body(request).map(BusinessSpec::read)
                        .flatMap(businesses::create).doOnNext(changed)
                        .flatMap(id -> businesses.view(id).flatMap(view -> created("/admin/businesses/" + id, view)))))
                .GET(BUSINESS, request -> withBusiness(request, id -> business(id).flatMap(AdminApi::ok)))
                .PUT(BUSINESS, request -> withBusiness(request, id -> body(request).map(BusinessSpec::read)
                        .flatMap(spec -> businesses.replace(id, spec)).then(changed(id)).then(business(id)).flatMap(AdminApi::ok)))
                .PATCH(BUSINESS, request -> withBusiness(request, id -> body(request).zipWith(business(id))
                        .map(both -> BusinessSpec.read(merged(both.getT2(), both.getT1())))
                        .flatMap(spec -> businesses.replace(id, spec)).then(changed(id)).then(business(id)).flatMap(AdminApi::ok)))
                .DELETE(BUSINESS, request -> withBusiness(request, id -> businesses.deactivate(id).then(changed(id))
                        .then(ServerResponse.noContent().build())))
                .GET(BUSINESS + "/services", request -> withBusiness(request, id -> services.list(id)
                        .flatMap(list -> ok(JSON.createObjectNode().set("services", list)))))
                .POST(BUSINESS + "/services", request -> withBusiness(request, id -> body(request).map(ServiceStore.Spec::read)
                        .flatMap(spec -> services.create(id, spec)).flatMap(service -> changed(id).then(services.view(id, service))
                                .flatMap(view -> created("/admin/businesses/" + id + "/services/" + service, view)))))
                .GET(BUSINESS + "/services/{item}", request -> withItem(request, (id, item) -> services.view(id, item)
                        .flatMap(AdminApi::ok)))
                .PUT(BUSINESS + "/services/{item}", request -> withItem(request, (id, item) -> body(request)
                        .map(ServiceStore.Spec::read).flatMap(spec -> services.replace(id, item, spec)).then(changed(id))
                        .then(services.view(id, item)).flatMap(AdminApi::ok)))
                .DELETE(BUSINESS + "/services/{item}", request -> withItem(request, (id, item) -> services.deactivate(id, item)
                        .then(changed(id)).then(ServerResponse.noContent().build())))
                .GET(BUSINESS + "/staff", request -> withBusiness(request, id -> staff.list(id)
                        .flatMap(list -> ok(JSON.createObjectNode().set("staff", list)))))
                .POST(BUSINESS + "/staff", request -> withBusiness(request, id -> body(request).map(StaffStore.Spec::read)
                        .flatMap(spec -> staff.create(id, spec)).flatMap(member -> changed(id).then(staff.view(id, member))
                                .flatMap(view -> created("/admin/businesses/" + id + "/staff/" + member, view)))))
                .GET(BUSINESS + "/staff/{item}", request -> withItem(request, (id, item) -> staff.view(id, item)
                        .flatMap(AdminApi::ok)))
                .PUT(BUSINESS + "/staff/{item}", request -> withItem(request, (id, item) -> body(request)
                        .map(StaffStore.Spec::read).flatMap(spec -> staff.replace(id, item, spec)).then(changed(id))
                        .then(staff.view(id, item)).flatMap(AdminApi::ok)))
                .DELETE(BUSINESS + "/staff/{item}", request -> withItem(request, (id, item) -> staff.deactivate(id, item)
                        .then(changed(id)).then(ServerResponse.noContent().build())))
                .GET(BUSINESS + "/api-keys", request -> withBusiness(request, id -> keys.list(id)
                        .flatMap(list -> ok(JSON.createObjectNode().set("api_keys", list)))))
                .POST(BUSINESS + "/api-keys", request -> withBusiness(request, id -> body(request).map(AdminApi::label)
                        .flatMap(label -> keys.create(id, label.isEmpty() ? null : label))
                        .flatMap(key -> ServerResponse.created(URI.create("/admin/businesses/" + id + "/api-keys/"
                                        + key.path("prefix").asString()))
                                .cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(key.toString()))))
                .DELETE(BUSINESS + "/api-keys/{prefix}", request -> withBusiness(request, id -> keys.revoke(id,
                        request.pathVariable("prefix")).then(changed(id)).then(ServerResponse.noContent().build())))
                .GET(BUSINESS + "/bookings", request -> withBusiness(request, id -> bookings.list(id, BookingListing.Query.read(
                                request.queryParam("date").orElse(null), request.queryParam("days").orElse(null),
                                request.queryParam("staff").orElse(null), request.queryParam("status").orElse(null)))
                        .flatMap(AdminApi::ok)))
                .build();
    }

    private Mono<ObjectNode> business(UUID id) {
        return businesses.view(id).switchIfEmpty(Mono.error(() -> AdminProblem.notFound("no business with id " + id)));
    }

    private Mono<Void> changed(UUID id) {
        return Mono.fromRunnable(() -> changed.accept(id));
    }

    /** The current business with the PATCH body's fields put over it (only writable fields may be patched). */
    private static JsonNode merged(ObjectNode current, JsonNode patch) {
        Fields.of(patch, BusinessSpec.FIELDS).check();
        for (Iterator<String> names = patch.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            current.set(name, patch.get(name));
        }
        return current;
    }

    private static String label(JsonNode body) {
        Fields fields = Fields.of(body, java.util.Set.of("label"));
        String label = fields.text("label", false, 100);
        fields.check();
        return label == null ? "" : label;
    }

    private static Mono<ServerResponse> withBusiness(ServerRequest request, Function<UUID, Mono<ServerResponse>> handler) {
        return handle(() -> TenantDirectory.parseUuid(request.pathVariable("id")).map(handler)
                .orElseGet(() -> Mono.error(AdminProblem.notFound("no business with id " + request.pathVariable("id")))));
    }

    private static Mono<ServerResponse> withItem(ServerRequest request,
                                                 java.util.function.BiFunction<UUID, UUID, Mono<ServerResponse>> handler) {
        return withBusiness(request, id -> TenantDirectory.parseUuid(request.pathVariable("item"))
                .map(item -> handler.apply(id, item))
                .orElseGet(() -> Mono.error(AdminProblem.notFound("this business has no such " + what(request)))));
    }

    private static String what(ServerRequest request) {
        return request.path().contains("/services/") ? "service" : "staff member";
    }

    /** Runs a handler, turning every refusal into its status and {@code {"error": ...}}, and anything else into a 503. */
    private static Mono<ServerResponse> handle(java.util.function.Supplier<Mono<ServerResponse>> handler) {
        return Mono.defer(handler).onErrorResume(error -> {
            if (OversizedBodies.isOversized(error)) {
                return Mono.error(error);
            }
            if (error instanceof AdminProblem problem) {
                return error(problem.status(), problem.getMessage());
            }
            log.warn("admin request failed: {}", error.toString());
            return error(HttpStatus.SERVICE_UNAVAILABLE, "the database could not be reached; try again");
        });
    }

    private static Mono<JsonNode> body(ServerRequest request) {
        return request.bodyToMono(String.class).defaultIfEmpty("").map(text -> {
            try {
                return JSON.readTree(text.isBlank() ? "{}" : text);
            } catch (JacksonException e) {
                throw AdminProblem.invalid("the body is not valid JSON");
            }
        });
    }

    private static Mono<ServerResponse> ok(JsonNode body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body.toString());
    }

    private static Mono<ServerResponse> created(String location, JsonNode body) {
        return ServerResponse.created(URI.create(location)).contentType(MediaType.APPLICATION_JSON).bodyValue(body.toString());
    }

    private static Mono<ServerResponse> error(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.createObjectNode().put("error", message).toString());
    }
}
