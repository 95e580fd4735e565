package io.firstbyte.adapters.guard;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a caller hears when no speech provider can answer: mu-law 8 kHz audio prepared before any
 * call needs it. Render it at start-up with whichever provider is healthy ({@link #render}), load
 * a recording ({@link #recorded}), or, when neither is possible, fall back to
 * {@link #informationTones()} — three rising tones, not speech, which telephone users know as
 * "this call cannot be completed". {@code description} says which one it is, for logs.
 */
public record PreRenderedApology(String description, byte[] mulaw) {

    public static final String DEFAULT_SENTENCE =
            "I'm sorry, I'm having technical trouble and can't continue this call. Please call back in a few minutes. Goodbye.";

    private static final CallContext START_UP = new CallContext("apology-render", "", "", "", Map.of(), Map.of());

    public PreRenderedApology {
        if (mulaw.length == 0) {
            throw new IllegalArgumentException("an apology needs audio");
        }
    }

    /** The apology as the answer's audio: one complete clause. */
    public TtsAudio asAudio(int clauseIndex) {
        return new TtsAudio(clauseIndex, mulaw.clone(), AudioFormat.MULAW_8K, true);
    }

    /** A recorded apology: raw mu-law 8 kHz bytes, no file header. */
    public static PreRenderedApology recorded(String description, byte[] mulaw) {
        return new PreRenderedApology(description, mulaw.clone());
    }

    /** Synthesises {@code sentence} once with {@code tts}, which must produce mu-law 8 kHz. */
    public static Mono<PreRenderedApology> render(TextToSpeech tts, String sentence, Duration timeout) {
        return Mono.usingWhen(Mono.fromSupplier(() -> tts.open(START_UP)),
                session -> collect(session, sentence).timeout(timeout),
                session -> Mono.fromRunnable(session::dispose));
    }

    private static Mono<PreRenderedApology> collect(TtsSession session, String sentence) {
        return session.speak(Flux.just(new Clause(0, sentence)))
                .filter(audio -> audio.format().equals(AudioFormat.MULAW_8K))
                .reduce(new ByteArrayOutputStream(), (all, audio) -> {
                    all.writeBytes(audio.audio());
                    return all;
                })
                .map(ByteArrayOutputStream::toByteArray)
                .filter(bytes -> bytes.length > 0)
                .map(bytes -> new PreRenderedApology("spoken: " + sentence, bytes));
    }

    /**
     * The built-in fallback: the three rising special information tones (913.8, 1370.6 and
     * 1776.7 Hz, about a third of a second each), then half a second of silence. Tones, not a
     * voice: only a real recording or a synthesis can say sorry in words.
     */
    public static PreRenderedApology informationTones() {
        ByteArrayOutputStream audio = new ByteArrayOutputStream(8000 * 2);
        audio.writeBytes(tone(913.8, 274));
        audio.writeBytes(tone(1370.6, 274));
        audio.writeBytes(tone(1776.7, 380));
        audio.writeBytes(tone(0, 500));
        return new PreRenderedApology("information tones (no speech)", audio.toByteArray());
    }

    private static byte[] tone(double hertz, int millis) {
        int count = millis * 8;
        short[] samples = new short[count];
        int ramp = 80;
        for (int i = 0; i < count; i++) {
            double envelope = Math.min(1.0, Math.min(i, count - 1 - i) / (double) ramp);
            samples[i] = (short) Math.round(8000 * envelope * Math.sin(2 * Math.PI * hertz * i / 8000.0));
        }
        return G711.encodeMulaw(samples);
    }
}
