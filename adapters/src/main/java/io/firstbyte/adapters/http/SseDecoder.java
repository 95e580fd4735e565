package io.firstbyte.adapters.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a {@code text/event-stream} body chunk by chunk, wherever the network cut it. Lines end
 * in LF or CRLF; a line is decoded only once complete, so a UTF-8 character split across chunks
 * survives (LF never occurs inside a multi-byte character). Comment lines ({@code :}) are skipped,
 * {@code data:} lines of one event are joined with LF, a blank line ends the event. One decoder per
 * response; not thread-safe.
 */
public final class SseDecoder {

    /** A single line longer than this is a broken stream, not a big event. */
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private String event = "message";
    private boolean hasData;

    /** The events completed by this chunk. */
    public List<SseEvent> accept(byte[] chunk) {
        List<SseEvent> events = new ArrayList<>(2);
        for (byte b : chunk) {
            if (b == '\n') {
                lineEnded(events);
            } else {
                if (line.size() >= MAX_LINE_BYTES) {
                    throw new IllegalStateException("event-stream line longer than " + MAX_LINE_BYTES + " bytes");
                }
                line.write(b);
            }
        }
        return events;
    }

    /** The event left when the body ended without its blank line, if any. */
    public List<SseEvent> finish() {
        List<SseEvent> events = new ArrayList<>(1);
        if (line.size() > 0) {
            lineEnded(events);
        }
        dispatch(events);
        return events;
    }

    private void lineEnded(List<SseEvent> events) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            dispatch(events);
        } else if (!text.startsWith(":")) {
            field(text);
        }
    }

    private void field(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (name) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> event = value;
            default -> { }
        }
    }

    private void dispatch(List<SseEvent> events) {
        if (hasData) {
            events.add(new SseEvent(event, data.toString()));
        }
        data.setLength(0);
        hasData = false;
        event = "message";
    }
}
