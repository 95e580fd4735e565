package io.firstbyte.adapters.sim.dialogue;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolSpec;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The booking tools this request offers, and the calls to them with the arguments the booking engine expects. */
final class Toolbox {

    static final String CHECK_AVAILABILITY = "check_availability";
    static final String FIND_NEXT_AVAILABLE = "find_next_available";
    static final String CREATE_BOOKING = "create_booking";
    static final String CANCEL_BOOKING = "cancel_booking";
    /** Tenant-local wall time without offset or seconds, as the booking tools take it. */
    static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final Map<String, ToolSpec> offered;
    private final CallContext call;
    private final int callsSoFar;

    Toolbox(List<ToolSpec> offered, CallContext call, int callsSoFar) {
        this.offered = offered.stream().collect(Collectors.toMap(ToolSpec::name, Function.identity(), (a, b) -> a));
        this.call = call;
        this.callsSoFar = callsSoFar;
    }

    boolean has(String tool) {
        return offered.containsKey(tool);
    }

    ToolCall checkAvailability(String service, LocalDate date, @Nullable String staff) {
        ObjectNode args = object().put("service", service).put("date", date.toString());
        if (staff != null) {
            args.put("staff", staff);
        }
        return call(CHECK_AVAILABILITY, args);
    }

    ToolCall findNextAvailable(String service, @Nullable LocalDateTime after) {
        ObjectNode args = object().put("service", service);
        if (after != null) {
            args.put("after", after.format(LOCAL_MINUTES));
        }
        return call(FIND_NEXT_AVAILABLE, args);
    }

    ToolCall createBooking(String service, LocalDateTime start, String customerName, @Nullable String staff) {
        String startText = start.format(LOCAL_MINUTES);
        ObjectNode args = object().put("service", service).put("start", startText).put("customer_name", customerName);
        if (!call.from().isBlank()) {
            args.put("customer_phone", call.from());
        }
        args.put("idempotency_key", call.callId() + "-" + startText);
        if (staff != null && parametersMention(CREATE_BOOKING, "staff")) {
            args.put("staff", staff);
        }
        return call(CREATE_BOOKING, args);
    }

    ToolCall cancelBooking(String bookingId) {
        return call(CANCEL_BOOKING, object().put("booking_id", bookingId));
    }

    /** A call's arguments as JSON, or an empty object when they are unreadable. */
    static JsonNode arguments(ToolCall call) {
        try {
            JsonNode args = JsonMapper.shared().readTree(call.arguments());
            return args != null && args.isObject() ? args : object();
        } catch (JacksonException unreadable) {
            return object();
        }
    }

    static @Nullable String text(JsonNode args, String name) {
        JsonNode value = args.path(name);
        return value.isString() ? value.stringValue() : null;
    }

    private boolean parametersMention(String tool, String parameter) {
        ToolSpec spec = offered.get(tool);
        return spec != null && spec.parametersSchema().contains("\"" + parameter + "\"");
    }

    private ToolCall call(String tool, ObjectNode args) {
        return new ToolCall("call_" + (callsSoFar + 1), tool, JsonMapper.shared().writeValueAsString(args));
    }

    private static ObjectNode object() {
        return JsonMapper.shared().createObjectNode();
    }
}
