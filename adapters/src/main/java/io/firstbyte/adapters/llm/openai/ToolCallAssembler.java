package io.firstbyte.adapters.llm.openai;

import io.firstbyte.pipeline.tool.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Assembles streamed tool-call fragments by their {@code index}: the first fragment of an index
 * names the call, later ones carry argument pieces to concatenate. Parallel calls may interleave.
 * Lenient where servers differ: a missing index means the fragment's position in its delta, and a
 * fragment that names a different call id than the one at its index starts a new call.
 */
final class ToolCallAssembler {

    private final TreeMap<Integer, Builder> calls = new TreeMap<>();
    private int generatedIds;

    void add(@Nullable Integer index, int position, @Nullable String id, @Nullable String name, @Nullable String arguments) {
        int slot = index != null ? index : position;
        Builder builder = calls.get(slot);
        if (builder != null && id != null && builder.id != null && !builder.id.equals(id)) {
            slot = calls.lastKey() + 1;
            builder = null;
        }
        if (builder == null) {
            builder = new Builder();
            calls.put(slot, builder);
        }
        if (id != null && !id.isEmpty()) {
            builder.id = id;
        }
        if (name != null && !name.isEmpty() && builder.name.isEmpty()) {
            builder.name.append(name);
        }
        if (arguments != null) {
            builder.arguments.append(arguments);
        }
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    /** The calls assembled so far, in index order; forgets them. */
    List<ToolCall> drain() {
        List<ToolCall> complete = new ArrayList<>(calls.size());
        for (Builder builder : calls.values()) {
            String id = builder.id != null ? builder.id : "call_generated_" + (++generatedIds);
            String arguments = builder.arguments.isEmpty() ? "{}" : builder.arguments.toString();
            complete.add(new ToolCall(id, builder.name.toString(), arguments));
        }
        calls.clear();
        return complete;
    }

    private static final class Builder {
        private @Nullable String id;
        private final StringBuilder name = new StringBuilder();
        private final StringBuilder arguments = new StringBuilder();
    }
}
