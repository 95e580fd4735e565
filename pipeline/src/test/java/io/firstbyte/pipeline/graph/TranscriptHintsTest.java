package io.firstbyte.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.event.TranscriptInterim;
import io.firstbyte.pipeline.testing.CallHarness;
import io.firstbyte.pipeline.testing.ScriptedLanguageModel;
import io.firstbyte.pipeline.testing.ScriptedSpeechToText;
import io.firstbyte.pipeline.testing.ScriptedTextToSpeech;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tool.TranscriptHints;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The call's transcript hints see the caller's words as they come; their work is bounded and ends with the call. */
class TranscriptHintsTest {

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final AtomicInteger cancelled = new AtomicInteger();
    private ScriptedSpeechToText stt;
    private CallHarness call;

    @AfterEach
    void close() {
        call.close();
    }

    @Test
    void interimTranscriptsReachTheHintsWhoseWorkRunsAFewAtATimeAndIsCancelledAtHangUp() {
        TranscriptHints slowWarmUp = transcript -> Mono.<Void>never()
                .doOnSubscribe(subscription -> heard.add(transcript))
                .doOnCancel(cancelled::incrementAndGet);
        call = new CallHarness(scheduler -> {
            stt = new ScriptedSpeechToText();
            return new CallPipeline(stt, new ScriptedLanguageModel(Duration.ofMillis(300), Duration.ofMillis(10), scheduler),
                    new ScriptedTextToSpeech(Duration.ofMillis(100), 60, scheduler), ToolRegistry.empty(),
                    CallSettings.DEFAULTS.withGreeting(""), scheduler);
        }).start(Map.of(TranscriptHints.ATTRIBUTE, slowWarmUp));
        call.speak(Duration.ofMillis(200));
        stt.emit(new TranscriptInterim("a haircut"));
        stt.emit(new TranscriptInterim("a haircut on"));
        stt.emit(new TranscriptInterim("a haircut on friday"));
        call.speak(Duration.ofMillis(200));

        assertThat(heard).containsExactly("a haircut", "a haircut on");
        call.hangUp();
        assertThat(cancelled).hasValue(2);
    }
}
