package io.firstbyte.pipeline.tool;

import reactor.core.publisher.Mono;

/**
 * Work worth starting while the caller is still speaking, read from their transcript as it grows:
 * for example warming the availability of a service and a day the caller just named, so the lookup
 * the model will ask for is a cache hit. A call finds its hints in its context under
 * {@link #ATTRIBUTE}; the pipeline runs the returned work on the call's scope (a hang-up cancels it),
 * a few at a time, and ignores its outcome. Implementations keep their own memory of what they warmed.
 */
@FunctionalInterface
public interface TranscriptHints {

    String ATTRIBUTE = "firstbyte.transcriptHints";

    TranscriptHints NONE = transcript -> Mono.empty();

    /** The work this transcript (interim or final, of the turn in progress) calls for; empty when none. */
    Mono<Void> heard(String transcript);
}
