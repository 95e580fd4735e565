package io.firstbyte.pipeline.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's dropped-input accounting: every drop is counted (through {@code counter}), but
 * each kind is logged only once per call, so a misbehaving peer cannot flood the log.
 */
public final class DroppedInputLog implements DroppedInput {

    private static final Logger log = LoggerFactory.getLogger(DroppedInputLog.class);

    private final String connection;
    private final Consumer<String> counter;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public DroppedInputLog(String connection, Consumer<String> counter) {
        this.connection = connection;
        this.counter = counter;
    }

    @Override
    public void dropped(String kind, String detail) {
        counter.accept(kind);
        if (logged.add(kind)) {
            log.warn("connection {}: dropped inbound message ({}): {}; further drops of this kind are counted, not logged",
                    connection, kind, detail);
        }
    }

    public Set<String> kindsSeen() {
        return Set.copyOf(logged);
    }
}
