package io.firstbyte.pipeline.turn;

import io.firstbyte.pipeline.call.EndOfTurnSettings;
import io.firstbyte.pipeline.call.TurnSettings;
import java.time.Duration;

/**
 * When a turn with a given transcript may end: at the speech-to-text provider's end of speech, and
 * after how much local silence. The {@link TurnDetector} asks it each time the transcript or the
 * silence changes.
 */
public interface EndOfTurnRule {

    /** Whether the provider's end-of-speech signal ends a turn saying {@code transcript} at once. */
    boolean endsAtEndOfSpeech(String transcript);

    /** The local silence (from the VAD's speech stop) that ends a turn saying {@code transcript}. */
    Duration silence(String transcript);

    /**
     * Whether {@code transcript} trails off, so that its turn waits for the caller to go on: no answer
     * is worth starting on it before the turn ends.
     */
    boolean trailsOff(String transcript);

    /** The rule {@code settings} ask for: adaptive ({@link EndOfTurnSettings}) or one silence for every turn. */
    static EndOfTurnRule of(TurnSettings settings) {
        EndOfTurnSettings bounds = settings.endOfTurn();
        return bounds.adaptive() ? adaptive(bounds) : fixed(settings.vadSilence());
    }

    static EndOfTurnRule fixed(Duration silence) {
        return new EndOfTurnRule() {
            @Override
            public boolean endsAtEndOfSpeech(String transcript) {
                return true;
            }

            @Override
            public Duration silence(String transcript) {
                return silence;
            }

            @Override
            public boolean trailsOff(String transcript) {
                return false;
            }
        };
    }

    /**
     * A complete sentence ends after {@code bounds.complete()} or at the provider's end of speech; an
     * open one only after {@code bounds.open()}, a trailing one only after {@code bounds.trailing()}
     * (the provider's end of speech ends neither: it comes a fixed time into any pause).
     */
    static EndOfTurnRule adaptive(EndOfTurnSettings bounds) {
        return new EndOfTurnRule() {
            @Override
            public boolean endsAtEndOfSpeech(String transcript) {
                return TranscriptEnding.of(transcript) == TranscriptEnding.COMPLETE;
            }

            @Override
            public Duration silence(String transcript) {
                return switch (TranscriptEnding.of(transcript)) {
                    case COMPLETE -> bounds.complete();
                    case OPEN -> bounds.open();
                    case TRAILING -> bounds.trailing();
                };
            }

            @Override
            public boolean trailsOff(String transcript) {
                return TranscriptEnding.of(transcript) == TranscriptEnding.TRAILING;
            }
        };
    }
}
