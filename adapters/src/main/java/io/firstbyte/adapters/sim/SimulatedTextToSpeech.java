package io.firstbyte.adapters.sim;

import io.firstbyte.adapters.sim.voice.SpeechSynthesizer;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import reactor.core.scheduler.Scheduler;

/**
 * A text-to-speech provider that speaks real, audible, speech-like audio ({@link SpeechSynthesizer}):
 * mu-law 8 kHz, about 65 ms per character. Each clause's first 100 ms chunk comes after
 * {@link LatencyProfile#ttsFirstByteDelay()} (reported to the call's {@link SimulatedDelays}), the
 * following chunks every 100 ms × {@link LatencyProfile#ttsRealTimeFactor()}. Clauses are spoken
 * in order; cancelling an answer stops it at once and disposing the session ends every answer.
 * Costs a few multiply-adds per sample, rendered lazily chunk by chunk on the injected scheduler.
 */
public final class SimulatedTextToSpeech implements TextToSpeech {

    private final LatencyProfiles profiles;
    private final Scheduler scheduler;

    public SimulatedTextToSpeech(LatencyProfiles profiles, Scheduler scheduler) {
        this.profiles = profiles;
        this.scheduler = scheduler;
    }

    @Override
    public TtsSession open(CallContext call) {
        return new SimulatedTtsSession(call, profiles.forCall(call), scheduler);
    }
}
