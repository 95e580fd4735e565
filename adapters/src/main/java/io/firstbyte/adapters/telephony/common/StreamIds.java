package io.firstbyte.adapters.telephony.common;

import static io.firstbyte.adapters.telephony.common.DropKind.FOREIGN_STREAM;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The rule of the dialects that name their stream on every message (Telnyx {@code stream_id},
 * Plivo {@code streamId}): a message naming another stream than the connection's start did is not
 * this call's, so it is dropped as {@link DropKind#FOREIGN_STREAM} rather than heard or taken as
 * the end of the call. A message that names no stream is taken as this one's.
 */
public final class StreamIds {

    private StreamIds() {
    }

    /** {@code root}, unless its {@code field} names another stream than {@code started} (null before start). */
    public static JsonNode ofStream(JsonNode root, String field, @Nullable String started) {
        JsonNode named = root.path(field);
        if (started != null && named.isString() && !named.asString().equals(started)) {
            throw new DroppedMessage(FOREIGN_STREAM, field + " " + Abbreviate.of(named.asString()) + " is not this call's");
        }
        return root;
    }
}
