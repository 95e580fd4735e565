package io.firstbyte.adapters.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.llm.ModelRequest;
import io.firstbyte.pipeline.tool.ToolSpec;
import io.firstbyte.pipeline.tts.Clause;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The simulated providers on the production scheduler, with BlockHound watching its non-blocking threads. */
class ProductionSchedulerTest {

    private static final CallContext CALL = new CallContext("call-1", "stream-1", "+15550001111", "+15550002222",
            Map.of("profile", "fast", "jitter", "0"), Map.of());

    @Test
    void theModelThinksAndStreamsOnNonBlockingThreadsWithoutBlocking() {
        var model = new SimulatedLanguageModel(LatencyProfiles.builtIn(), Clock.systemUTC(), Schedulers.parallel());
        ModelRequest request = new ModelRequest(CALL, List.of(new ChatMessage.User("A haircut tomorrow at 10 please.")),
                List.of(new ToolSpec("check_availability", "free slots", "{}")));

        List<ModelOutput> outputs = model.stream(request).subscribeOn(Schedulers.parallel()).collectList()
                .block(Duration.ofSeconds(10));

        assertThat(outputs).last().isEqualTo(new ModelFinished("tool_calls"));
    }

    @Test
    void theVoiceIsSynthesisedOnNonBlockingThreadsWithoutBlocking() {
        var session = new SimulatedTextToSpeech(LatencyProfiles.builtIn(), Schedulers.parallel()).open(CALL);

        Flux<TtsAudio> audio = session.speak(Flux.just(new Clause(0, "Let me check that for you.")));

        StepVerifier.create(audio.subscribeOn(Schedulers.parallel()))
                .thenConsumeWhile(chunk -> !chunk.lastOfClause())
                .expectNextMatches(TtsAudio::lastOfClause)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }
}
