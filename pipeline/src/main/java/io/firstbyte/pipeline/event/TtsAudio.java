package io.firstbyte.pipeline.event;

import io.firstbyte.pipeline.audio.AudioFormat;

/**
 * Synthesised audio of clause {@code clauseIndex} of the current answer. {@code lastOfClause}
 * marks the final chunk of that clause (it may be empty).
 */
public record TtsAudio(int clauseIndex, byte[] audio, AudioFormat format, boolean lastOfClause) implements AgentEvent {

    @Override
    public String toString() {
        return "TtsAudio[clause " + clauseIndex + ", " + audio.length + " bytes" + (lastOfClause ? ", last" : "") + "]";
    }
}
