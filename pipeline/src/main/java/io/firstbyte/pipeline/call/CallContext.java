package io.firstbyte.pipeline.call;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who a call is: ids, the caller's and dialled numbers, the parameters the gateway passed, and
 * attributes resolved once at call start (for example the tenant). Immutable.
 */
public record CallContext(String callId, String streamId, String from, String to,
                          Map<String, String> parameters, Map<String, Object> attributes) {

    public CallContext {
        parameters = Map.copyOf(parameters);
        attributes = Map.copyOf(attributes);
    }

    public @Nullable String parameter(String name) {
        return parameters.get(name);
    }

    public <T> @Nullable T attribute(String name, Class<T> type) {
        Object value = attributes.get(name);
        return type.isInstance(value) ? type.cast(value) : null;
    }

    public CallContext withAttribute(String name, Object value) {
        var copy = new java.util.HashMap<>(attributes);
        copy.put(name, value);
        return new CallContext(callId, streamId, from, to, parameters, copy);
    }

    /** The last four digits of a phone number, for logs. */
    public static String mask(@Nullable String phone) {
        if (phone == null || phone.length() <= 4) {
            return "****";
        }
        return "***" + phone.substring(phone.length() - 4);
    }
}
