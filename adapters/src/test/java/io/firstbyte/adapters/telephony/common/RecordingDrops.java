package io.firstbyte.adapters.telephony.common;

import io.firstbyte.pipeline.transport.DroppedInput;
import java.util.ArrayList;
import java.util.List;

/** Remembers every drop's kind, in order. */
public final class RecordingDrops implements DroppedInput {

    private final List<String> kinds = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    @Override
    public synchronized void dropped(String kind, String detail) {
        kinds.add(kind);
        details.add(detail);
    }

    public synchronized List<String> kinds() {
        return List.copyOf(kinds);
    }

    public synchronized List<String> details() {
        return List.copyOf(details);
    }
}
