package io.firstbyte.pipeline.tts;

/** One clause of an answer, numbered from 0 within that answer. */
public record Clause(int index, String text) {
}
