package io.firstbyte.app.messages;

import io.firstbyte.app.tenant.PhoneNumbers;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.control.ControlledEnd;
import io.firstbyte.pipeline.tool.EndingTool;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolException;
import io.firstbyte.pipeline.tool.ToolResult;
import io.firstbyte.pipeline.tool.ToolSpec;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@value #NAME}: the agent writes down the caller's message for the business (when nobody can take
 * the call, or the caller would rather leave one): their words, a one-line summary, their name if they
 * gave it, and their number from the call (or one they gave to be called back on). It is stored once
 * per tool call, for the business the caller dialled (never one the arguments name), queued for the
 * business's webhook, and the call then ends after the agent's goodbye (end reason
 * {@code message-taken}).
 */
public final class TakeMessageTool implements EndingTool {

    public static final String NAME = "take_message";
    static final String TAKEN = "{\"status\":\"taken\",\"note\":\"The message is recorded and will be passed on. Tell the "
            + "caller so in one short sentence and say goodbye; the call ends after your words.\"}";
    private static final Set<String> ARGUMENTS = Set.of("message", "summary", "caller_name", "callback_number");
    private static final int MAX_MESSAGE = 2000;
    private static final int MAX_SUMMARY = 500;
    private static final int MAX_NAME = 200;
    private static final Logger log = LoggerFactory.getLogger(TakeMessageTool.class);

    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Take a message for the business when nobody can take the call (transfer_call said so) or the caller wants "
                    + "to leave one. Ask what the message is and, if you do not know it, the caller's name; then record it. "
                    + "The caller's number is known from the call. The call ends after your goodbye.",
            "{\"type\":\"object\",\"properties\":{"
                    + "\"message\":{\"type\":\"string\",\"description\":\"The caller's message, in their words\"},"
                    + "\"summary\":{\"type\":\"string\",\"description\":\"One short line saying what it is about\"},"
                    + "\"caller_name\":{\"type\":\"string\",\"description\":\"The caller's name, if they gave it\"},"
                    + "\"callback_number\":{\"type\":\"string\",\"description\":\"Only if the caller wants to be called back "
                    + "on another number than the one they call from\"}},"
                    + "\"required\":[\"message\",\"summary\"]}");

    private final MessageStore messages;
    private final Runnable taken;

    /** {@code taken}: runs after a message was stored with a webhook event (it nudges the sender). */
    public TakeMessageTool(MessageStore messages, Runnable taken) {
        this.messages = messages;
        this.taken = taken;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Mono<String> execute(ToolCall call, CallContext context) {
        return Mono.defer(() -> {
            String tenant = context.attribute(TenantInfo.CONTEXT_ATTRIBUTE, String.class);
            if (tenant == null) {
                return Mono.error(new ToolException("no business answers on this number, so no message can be left"));
            }
            JsonNode args = arguments(call.arguments());
            String callback = optional(args, "callback_number", 40);
            String number = callback != null ? PhoneNumbers.e164(callback)
                    .orElseThrow(() -> new ToolException("callback_number must be a phone number such as +15551234567"))
                    : PhoneNumbers.e164(context.from()).orElse(null);
            NewMessage message = new NewMessage(UUID.fromString(tenant), context.callId(), call.id(), number,
                    optional(args, "caller_name", MAX_NAME), required(args, "message", MAX_MESSAGE),
                    required(args, "summary", MAX_SUMMARY));
            return messages.take(message).map(stored -> {
                log.info("call {}: message {} taken for business {} from {}", context.callId(), stored.id(), tenant,
                        CallContext.mask(number));
                if (stored.queued()) {
                    taken.run();
                }
                return TAKEN;
            });
        });
    }

    @Override
    public @Nullable String endsCall(ToolResult result) {
        return result.content().equals(TAKEN) ? ControlledEnd.MESSAGE_TAKEN.reason() : null;
    }

    private static JsonNode arguments(String json) {
        JsonNode node;
        try {
            node = MessageStore.JSON.readTree(json.isBlank() ? "{}" : json);
        } catch (JacksonException e) {
            throw new ToolException("the arguments are not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ToolException("the arguments must be a JSON object");
        }
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            if (!ARGUMENTS.contains(names.next())) {
                throw new ToolException("unexpected argument; allowed: message, summary, caller_name, callback_number");
            }
        }
        return node;
    }

    private static String required(JsonNode args, String name, int maxChars) {
        String value = optional(args, name, maxChars);
        if (value == null) {
            throw new ToolException(name + " is required: ask the caller for it");
        }
        return value;
    }

    private static @Nullable String optional(JsonNode args, String name, int maxChars) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new ToolException(name + " must be text");
        }
        String text = value.asString().strip();
        if (text.length() > maxChars) {
            throw new ToolException(name + " is too long (at most " + maxChars + " characters)");
        }
        return text.isEmpty() ? null : text;
    }
}
