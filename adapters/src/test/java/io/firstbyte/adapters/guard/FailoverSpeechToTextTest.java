package io.firstbyte.adapters.guard;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.stt.SpeechToText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class FailoverSpeechToTextTest {

    private static final CallContext CALL = new CallContext("c1", "s1", "", "", Map.of(), Map.of());

    @Test
    void whenTheSessionFailsMidCallTheNextProviderTakesOverTheLiveAudio() {
        Sinks.Many<AudioIn> caller = Sinks.many().multicast().directBestEffort();
        SpeechToText breaksAfterOneFrame = (call, audio) -> audio.take(1)
                .thenMany(Flux.error(ProviderFailure.of("a", ErrorCategory.CONNECTIVITY, "dropped twice")));
        SpeechToText echoes = (call, audio) -> audio.map(frame -> (SpeechEvent) new TranscriptFinal("frame@" + frame.timestampMillis()));

        StepVerifier.create(new FailoverSpeechToText(List.of(breaksAfterOneFrame, echoes)).transcribe(CALL, caller.asFlux()))
                .then(() -> caller.tryEmitNext(frame(0)))
                .then(() -> caller.tryEmitNext(frame(20)))
                .expectNext(new TranscriptFinal("frame@20"))
                .then(caller::tryEmitComplete)
                .expectComplete().verify(Duration.ofSeconds(20));
    }

    @Test
    void theLastProvidersFailureEndsTheStream() {
        SpeechToText down = (call, audio) -> Flux.error(ProviderFailure.of("b", ErrorCategory.AUTHENTICATION, "401"));

        StepVerifier.create(new FailoverSpeechToText(List.of(down, down)).transcribe(CALL, Flux.never()))
                .expectError(ProviderFailure.class)
                .verify(Duration.ofSeconds(20));
    }

    private static AudioIn frame(long at) {
        return new AudioIn(new byte[160], AudioFormat.MULAW_8K, at);
    }
}
