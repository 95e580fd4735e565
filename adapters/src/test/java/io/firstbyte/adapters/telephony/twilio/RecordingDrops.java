package io.firstbyte.adapters.telephony.twilio;

import io.firstbyte.pipeline.transport.DroppedInput;
import java.util.ArrayList;
import java.util.List;

/** Remembers every drop's kind, in order. */
final class RecordingDrops implements DroppedInput {

    private final List<String> kinds = new ArrayList<>();

    @Override
    public void dropped(String kind, String detail) {
        kinds.add(kind);
    }

    List<String> kinds() {
        return List.copyOf(kinds);
    }
}
