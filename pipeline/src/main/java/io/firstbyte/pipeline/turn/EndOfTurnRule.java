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

    /** The rule {@code settings} ask for: adaptive ({@link EndOfTurnSettings}) or one silence for every turn. */
    static EndOfTurnRule of(TurnSettings settings) {
        EndOfTurnSettings bounds = settings.endOfTurn();
        return bounds.adaptive() ? adaptive(settings.vadSilence(), bounds) : fixed(settings.vadSilence());
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
        };
    }

    /**
     * A complete sentence ends after {@code bounds.complete()}, a trailing one only after
     * {@code bounds.trailing()} (the provider's end of speech does not end it), any other after {@code open}.
     */
    static EndOfTurnRule adaptive(Duration open, EndOfTurnSettings bounds) {
        return new EndOfTurnRule() {
            @Override
            public boolean endsAtEndOfSpeech(String transcript) {
                return TranscriptEnding.of(transcript) != TranscriptEnding.TRAILING;
            }

            @Override
            public Duration silence(String transcript) {
                return switch (TranscriptEnding.of(transcript)) {
                    case COMPLETE -> bounds.complete();
                    case TRAILING -> bounds.trailing();
                    case OPEN -> open;
                };
            }
        };
    }
}
