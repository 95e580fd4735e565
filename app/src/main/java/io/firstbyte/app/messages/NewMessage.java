package io.firstbyte.app.messages;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message as the agent takes it: for which business, in which call (and tool call, so a retried tool
 * call stores it once), from which number (E.164; null when unknown), the caller's name if they gave
 * it, their words and a one-line summary.
 */
public record NewMessage(UUID tenant, String callId, String toolCallId, @Nullable String callerNumber,
                         @Nullable String callerName, String body, String summary) {

    @Override
    public String toString() {
        return "NewMessage[tenant=" + tenant + ", call=" + callId + ", " + body.length() + " chars]";
    }
}
