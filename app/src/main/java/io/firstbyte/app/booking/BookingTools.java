package io.firstbyte.app.booking;

import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.StaffInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.IdempotencyClaim;
import io.firstbyte.app.booking.tools.BookingToolSpecs;
import io.firstbyte.app.booking.tools.ToolAnswers;
import io.firstbyte.app.booking.tools.ToolArgs;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallScope;
import io.firstbyte.pipeline.tool.Tool;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;

/**
 * The booking operations as agent tools, and the single entry point the HTTP API and the webhook
 * adapters share. The tenant always comes from the caller's context (the call's
 * {@value TenantInfo#CONTEXT_ATTRIBUTE} attribute, an API key, a dialled number), never from the
 * arguments; every failure is a {@link io.firstbyte.pipeline.tool.ToolException} with a safe message.
 * Each change (create, cancel, reschedule) with an idempotency key runs through {@link IdempotentWrites}:
 * the key is the {@link Requester}'s (derived from its caller's identifiers of the request), else, for
 * an HTTP client only, the {@code idempotency_key} argument.
 */
public final class BookingTools {

    private static final Set<String> CHECK = Set.of("service", "date", "time", "date_to", "staff");
    private static final Set<String> ALTERNATIVES = Set.of("service", "around", "count", "staff");
    private static final Set<String> NEXT = Set.of("service", "after", "staff");
    private static final Set<String> CREATE = Set.of("service", "start", "customer_name", "customer_phone", "staff",
            "idempotency_key");
    private static final Set<String> CANCEL = Set.of("booking_id");
    private static final Set<String> RESCHEDULE = Set.of("booking_id", "start");
    /** {@code customer_phone} is for the API; from a call the number is the caller's own. */
    private static final Set<String> MINE = Set.of("customer_name", "customer_phone");

    private interface Handler {
        Mono<JsonNode> apply(TenantCatalog catalog, ToolArgs args, Requester requester, @Nullable IdempotencyClaim claim);
    }

    private record Operation(Set<String> arguments, boolean writes, Handler handler) {
    }

    private final CatalogSource catalogs;
    private final AvailabilityService availability;
    private final BookingService bookings;
    private final BookingGuards guards;
    private final IdempotentWrites idempotency;
    private final CallerBookings callerBookings;
    private final OperationMeter meter;
    private final Map<String, Operation> operations;
    private final List<Tool> tools;

    public BookingTools(CatalogSource catalogs, AvailabilityService availability, BookingService bookings,
                        BookingGuards guards, IdempotentWrites idempotency) {
        this(catalogs, availability, bookings, guards, idempotency, OperationMeter.NONE);
    }

    public BookingTools(CatalogSource catalogs, AvailabilityService availability, BookingService bookings,
                        BookingGuards guards, IdempotentWrites idempotency, OperationMeter meter) {
        this.meter = meter;
        this.catalogs = catalogs;
        this.availability = availability;
        this.bookings = bookings;
        this.guards = guards;
        this.idempotency = idempotency;
        this.callerBookings = new CallerBookings(bookings::upcoming);
        this.operations = Map.of(
                BookingToolSpecs.CHECK_AVAILABILITY, new Operation(CHECK, false, this::check),
                BookingToolSpecs.FIND_ALTERNATIVES, new Operation(ALTERNATIVES, false, this::alternatives),
                BookingToolSpecs.FIND_NEXT_AVAILABLE, new Operation(NEXT, false, this::next),
                BookingToolSpecs.CREATE_BOOKING, new Operation(CREATE, true, this::create),
                BookingToolSpecs.CANCEL_BOOKING, new Operation(CANCEL, true, this::cancel),
                BookingToolSpecs.RESCHEDULE_BOOKING, new Operation(RESCHEDULE, true, this::reschedule),
                BookingToolSpecs.FIND_MY_BOOKINGS, new Operation(MINE, false, this::mine));
        this.tools = BookingToolSpecs.all().stream().map(spec -> (Tool) new ContextTool(spec)).toList();
    }

    /** The tools to register with the agent. */
    public List<Tool> tools() {
        return tools;
    }

    public List<ToolSpec> specs() {
        return BookingToolSpecs.all();
    }

    /** Runs tool {@code name} for {@code tenantId} (a UUID string) with JSON text arguments, as its API client. */
    public Mono<String> run(String name, String arguments, String tenantId) {
        return run(name, arguments, Requester.api(tenantId, null));
    }

    /** Runs tool {@code name} for {@code requester} with JSON text arguments. */
    public Mono<String> run(String name, String arguments, Requester requester) {
        return Mono.defer(() -> {
            Operation operation = operation(name);
            ToolArgs args = ToolArgs.parse(arguments, operation.arguments());
            return execute(name, operation, args, requester).map(JsonNode::toString);
        });
    }

    /** Same as {@link #run(String, String, String)} with already-parsed arguments; answers JSON. */
    public Mono<JsonNode> runJson(String name, JsonNode arguments, String tenantId) {
        return runJson(name, arguments, Requester.api(tenantId, null));
    }

    /** Same as {@link #run(String, String, Requester)} with already-parsed arguments; answers JSON. */
    public Mono<JsonNode> runJson(String name, JsonNode arguments, Requester requester) {
        return Mono.defer(() -> {
            Operation operation = operation(name);
            return execute(name, operation, ToolArgs.of(arguments, operation.arguments()), requester);
        });
    }

    private Mono<JsonNode> execute(String name, Operation operation, ToolArgs args, Requester requester) {
        Mono<JsonNode> work = catalogs.catalog(requester.tenantId())
                .switchIfEmpty(Mono.error(() -> BookingFailures.invalid("no business is associated with this request")))
                .flatMap(catalog -> {
                    IdempotencyKey key = operation.writes() ? key(requester, args) : null;
                    if (key == null) {
                        return Mono.defer(() -> operation.handler().apply(catalog, args, requester, null));
                    }
                    return idempotency.once(UUID.fromString(catalog.tenant().id()), key,
                            IdempotencyKey.sha256(name + "\n" + args.canonical()),
                            claim -> operation.handler().apply(catalog, args, requester, claim));
                });
        return meter.measure(name, guards.perTenant(requester.tenantId(), work)
                .onErrorMap(error -> BookingFailures.translate(name, operation.writes(), error)));
    }

    /** A call's model cannot name keys: they would reach across calls. */
    private static @Nullable IdempotencyKey key(Requester requester, ToolArgs args) {
        if (requester.key() != null || requester.fromCall()) {
            return requester.key();
        }
        String argument = args.idempotencyKey();
        return argument == null ? null : new IdempotencyKey(argument);
    }

    /** One booking of the tenant, as JSON; a NOT_FOUND failure when the tenant has no booking with that id. */
    public Mono<JsonNode> booking(String tenantId, String bookingId) {
        return Mono.defer(() -> {
            UUID id = io.firstbyte.app.tenant.TenantDirectory.parseUuid(bookingId)
                    .orElseThrow(() -> BookingFailures.invalid("booking_id must be the booking id from the confirmation"));
            Mono<JsonNode> work = catalogs.catalog(tenantId)
                    .switchIfEmpty(Mono.error(() -> BookingFailures.invalid("no business is associated with this request")))
                    .flatMap(catalog -> bookings.find(catalog, id)
                            .switchIfEmpty(Mono.error(() -> BookingFailures.notFound("there is no booking with that id")))
                            .map(found -> (JsonNode) ToolAnswers.appointment("confirmed", catalog, found)));
            return meter.measure("get_booking", guards.perTenant(tenantId, work)
                    .onErrorMap(error -> BookingFailures.translate("get_booking", false, error)));
        });
    }

    private Operation operation(String name) {
        Operation operation = operations.get(name);
        if (operation == null) {
            throw BookingFailures.invalid("unknown booking operation");
        }
        return operation;
    }

    private Mono<JsonNode> check(TenantCatalog catalog, ToolArgs args, Requester requester, @Nullable IdempotencyClaim claim) {
        return availability.check(catalog, service(catalog, args), args.date("date"), args.optionalDate("date_to"),
                args.optionalTime("time"), staff(catalog, args)).map(ToolAnswers::slots);
    }

    private Mono<JsonNode> alternatives(TenantCatalog catalog, ToolArgs args, Requester requester,
                                        @Nullable IdempotencyClaim claim) {
        StaffInfo staff = staff(catalog, args);
        return availability.alternatives(catalog, service(catalog, args), args.localDateTime("around"),
                args.count("count", 3, 1, AvailabilityService.MAX_SPOKEN_SLOTS), staff == null ? null : staff.id())
                .map(ToolAnswers::slots);
    }

    private Mono<JsonNode> next(TenantCatalog catalog, ToolArgs args, Requester requester, @Nullable IdempotencyClaim claim) {
        return availability.nextAvailable(catalog, service(catalog, args), args.optionalLocalDateTime("after"),
                staff(catalog, args)).map(ToolAnswers::slots);
    }

    /** From a call, the booking carries the caller's number unless the model gave one. */
    private Mono<JsonNode> create(TenantCatalog catalog, ToolArgs args, Requester requester, @Nullable IdempotencyClaim claim) {
        ServiceInfo service = service(catalog, args);
        String phone = args.customerPhone() != null ? args.customerPhone() : requester.callerPhone();
        BookingService.Request request = new BookingService.Request(service, args.localDateTime("start"),
                args.customerName(), phone, staff(catalog, args));
        return bookings.create(catalog, request, claim).map(ToolAnswers::outcome);
    }

    private Mono<JsonNode> cancel(TenantCatalog catalog, ToolArgs args, Requester requester, @Nullable IdempotencyClaim claim) {
        return bookings.cancel(catalog, args.bookingId(), requester, claim).map(ToolAnswers::outcome);
    }

    private Mono<JsonNode> reschedule(TenantCatalog catalog, ToolArgs args, Requester requester,
                                      @Nullable IdempotencyClaim claim) {
        UUID id = args.bookingId();
        return bookings.reschedule(catalog, id, args.localDateTime("start"), requester, claim).map(ToolAnswers::outcome);
    }

    private Mono<JsonNode> mine(TenantCatalog catalog, ToolArgs args, Requester requester, @Nullable IdempotencyClaim claim) {
        return callerBookings.find(catalog, requester, args.customerPhone(), args.optionalCustomerName());
    }

    private static ServiceInfo service(TenantCatalog catalog, ToolArgs args) {
        return catalog.service(args.serviceName()).orElseThrow(() -> BookingFailures.invalid(
                "that service is not offered; the services are: " + String.join(", ", catalog.serviceNames())));
    }

    private static @Nullable StaffInfo staff(TenantCatalog catalog, ToolArgs args) {
        String name = args.staffName();
        if (name == null) {
            return null;
        }
        return catalog.staffMember(name).orElseThrow(() -> BookingFailures.invalid("there is no staff member of that name; "
                + "the staff are: " + catalog.staff().stream().map(StaffInfo::name).collect(Collectors.joining(", "))));
    }

    /** One booking tool bound to the call's tenant and caller; a change is keyed by the call and the model's tool-call id. */
    private final class ContextTool implements Tool {
        private final ToolSpec spec;

        ContextTool(ToolSpec spec) {
            this.spec = spec;
        }

        @Override
        public ToolSpec spec() {
            return spec;
        }

        @Override
        public Mono<String> execute(ToolCall call, CallContext context) {
            Object tenant = context.attribute(TenantInfo.CONTEXT_ATTRIBUTE, Object.class);
            if (!(tenant instanceof String) && !(tenant instanceof UUID)) {
                return Mono.error(BookingFailures.invalid("no business is associated with this call"));
            }
            IdempotencyKey key = call.id().isBlank() ? null : IdempotencyKey.call(context.callId(), call.id());
            CallScope scope = context.attribute(CallScope.ATTRIBUTE, CallScope.class);
            Mono<String> answer = run(spec.name(), call.arguments(), Requester.call(tenant.toString(), context.from(), key));
            // work the answer starts for later (alternatives read ahead) belongs to the call
            return scope == null ? answer : answer.contextWrite(Context.of(CallScope.class, scope));
        }
    }
}
