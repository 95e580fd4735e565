package io.firstbyte.adapters.stt.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.guard.FailoverSpeechToText;
import io.firstbyte.adapters.http.Await;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.firstbyte.fakes.deepgram.FakeListenConnection;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.EndOfSpeech;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TranscriptInterim;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Deepgram's live-listen protocol, against a local fake that speaks it. */
class DeepgramSpeechToTextIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Connecting is not what most tests here are about: a busy machine's slow handshake must not make a second socket. */
    private static final Duration PATIENT_CONNECT = Duration.ofSeconds(20);
    private static final CallContext CALL = new CallContext("call-3", "s", "+15550001111", "+15550002222", Map.of(), Map.of());

    private final FakeDeepgramListenServer server = FakeDeepgramListenServer.start("dg-key");
    private final Sinks.Many<AudioIn> caller = Sinks.many().unicast().onBackpressureBuffer();
    private final CallerAudio audio = new CallerAudio(1000);
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicInteger droppedMessages = new AtomicInteger();
    private final DeepgramSttListener listener = new DeepgramSttListener() {
        @Override
        public void reconnecting(CallContext call, ProviderException cause) {
            reconnects.incrementAndGet();
        }

        @Override
        public void messageDropped(CallContext call, String reason) {
            droppedMessages.incrementAndGet();
        }
    };

    @AfterEach
    void stop() {
        server.close();
    }

    private DeepgramSttConfig config() {
        return DeepgramSttConfig.of(server.listenUrl(), "dg-key").withFinalizeOnSilence(false).withConnectTimeout(PATIENT_CONNECT);
    }

    private Flux<SpeechEvent> transcribe(DeepgramSttConfig config) {
        return new DeepgramSpeechToText(config, Schedulers.parallel(), listener).transcribe(CALL, caller.asFlux());
    }

    private void say(AudioIn frame) {
        caller.tryEmitNext(frame);
    }

    private void speak(int voicedFrames, int silentFrames) {
        for (int i = 0; i < voicedFrames; i++) {
            say(audio.voiced());
        }
        for (int i = 0; i < silentFrames; i++) {
            say(audio.silent());
        }
    }

    private FakeListenConnection connection(int index) {
        Await.until("socket " + index + " open", () -> server.connections().size() > index);
        return server.connections().get(index);
    }

    /** Bytes socket {@code index} received so far (-1 before it exists); never waits, so conditions may use it. */
    private int audioOf(int index) {
        List<FakeListenConnection> sockets = server.connections();
        return sockets.size() > index ? sockets.get(index).audio().length : -1;
    }

    /** What each socket of the fake received, for failure messages. */
    private String sockets() {
        return server.connections().stream()
                .map(socket -> socket.audio().length + " audio bytes, " + socket.controlMessages() + ", sent " + socket.sentMessages())
                .toList().toString();
    }

    private List<String> controlsOf(int index) {
        List<FakeListenConnection> sockets = server.connections();
        return sockets.size() > index ? sockets.get(index).controlMessages() : List.of();
    }

    private static boolean category(Throwable error, ErrorCategory expected) {
        return error instanceof ProviderException provider && provider.category() == expected;
    }

    @Test
    void theSocketCarriesTheConfiguredOptionsAndTheTokenHeader() {
        StepVerifier.create(transcribe(config()))
                .then(() -> connection(0))
                .thenCancel()
                .verify(WAIT);

        FakeListenConnection socket = server.connections().getFirst();
        assertThat(socket.authorization()).isEqualTo("Token dg-key");
        assertThat(socket.query()).containsEntry("encoding", "mulaw").containsEntry("sample_rate", "8000")
                .containsEntry("channels", "1").containsEntry("model", "nova-3").containsEntry("interim_results", "true")
                .containsEntry("endpointing", "300").containsEntry("utterance_end_ms", "1000").containsEntry("vad_events", "true");
    }

    @Test
    void callerAudioPassesThroughUntouchedAsBinaryFrames() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        // The marked frames are loud, so the fake may answer with SpeechStarted before the cancel (it did under
        // load): only the audio it received is under test here, not what it said back.
        StepVerifier.create(transcribe(config()).ignoreElements())
                .then(() -> {
                    for (int i = 1; i <= 5; i++) {
                        AudioIn frame = audio.marked(i);
                        expected.writeBytes(frame.audio());
                        say(frame);
                    }
                })
                .then(() -> Await.until("audio arrived", () -> audioOf(0) == 800))
                .thenCancel()
                .verify(WAIT);

        assertThat(server.connections().getFirst().audio()).isEqualTo(expected.toByteArray());
    }

    @Test
    void speechBecomesStartedInterimFinalAndEndOfSpeechOnTheCallerClock() {
        server.utterances("book me for tuesday");

        StepVerifier.create(transcribe(config()))
                .then(() -> speak(20, 20))
                .expectNext(new SpeechStarted(1000))
                .expectNext(new TranscriptInterim("book me"))
                .expectNext(new TranscriptInterim("book me"))
                .expectNext(new TranscriptFinal("book me for tuesday"), new EndOfSpeech())
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void utteranceEndEndsSpeechOnlyWhenNoSpeechFinalDidAlready() {
        StepVerifier.create(transcribe(config()))
                .then(() -> {
                    FakeListenConnection socket = connection(0);
                    socket.send(results("hello there", true, false));
                    socket.send("{\"type\":\"UtteranceEnd\",\"channel\":[0,1],\"last_word_end\":2.1}");
                    socket.send(results("bye", true, true));
                    socket.send("{\"type\":\"UtteranceEnd\",\"channel\":[0,1],\"last_word_end\":4.0}");
                    socket.send(results("", false, false));
                    socket.send(results("again", false, false));
                })
                .expectNext(new TranscriptFinal("hello there"), new EndOfSpeech())
                .expectNext(new TranscriptFinal("bye"), new EndOfSpeech())
                .expectNext(new TranscriptInterim("again"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void localSilenceSendsFinalizeAndTheForcedFinalArrives() {
        server.utterances("ten please");

        List<SpeechEvent> events = transcribe(config().withFinalizeOnSilence(true))
                // The line opens quiet, as a call does (the VAD takes its first frame for the background).
                .doOnSubscribe(subscription -> {
                    speak(0, 5);
                    speak(10, 16);
                })
                .takeUntil(TranscriptFinal.class::isInstance)
                .take(WAIT)
                .collectList()
                .block();

        assertThat(events).as("events; the fake saw %s", sockets())
                .containsExactly(new SpeechStarted(1100), new TranscriptInterim("ten"), new TranscriptFinal("ten please"));
        Await.until("Finalize received", () -> controlsOf(0).contains("{\"type\":\"Finalize\"}"));
    }

    @Test
    void keepAliveHoldsTheSocketOpenWhileNoAudioFlows() {
        // The idle timeout is ten keep-alive periods, so a busy machine's late timer does not close the
        // socket; the keep-alives counted span more than the idle timeout.
        server.idleTimeout(Duration.ofSeconds(2));

        StepVerifier.create(transcribe(config().withKeepAliveAfter(Duration.ofMillis(200))))
                .then(() -> say(audio.silent()))
                .then(() -> Await.until("twelve keep-alives", () -> controlsOf(0).stream()
                        .filter("{\"type\":\"KeepAlive\"}"::equals).count() >= 12))
                .then(() -> assertThat(connection(0).isClosed()).isFalse())
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void withoutKeepAliveTheServerClosesAnIdleSocketAndTheFailureIsClassified() {
        server.idleTimeout(Duration.ofMillis(300)).refuseHandshakes(503, 0);

        StepVerifier.create(transcribe(config().withKeepAliveAfter(Duration.ofSeconds(60))))
                .then(() -> say(audio.silent()))
                .then(() -> Await.until("reconnected", () -> server.connections().size() == 2))
                .expectErrorMatches(error -> category(error, ErrorCategory.SERVER) && error.getMessage().contains("NET-0001"))
                .verify(WAIT);
        assertThat(reconnects).hasValue(1);
    }

    @Test
    void theEndOfTheCallersAudioSendsCloseStreamAndCompletesAfterTheLastResults() {
        server.utterances("thanks");

        List<SpeechEvent> events = transcribe(config())
                .doOnSubscribe(subscription -> {
                    speak(10, 0);
                    caller.tryEmitComplete();
                })
                .take(WAIT)
                .collectList()
                .block();

        assertThat(events).as("events until completion; the fake saw %s", sockets())
                .containsExactly(new SpeechStarted(1000), new TranscriptInterim("thanks"), new TranscriptFinal("thanks"),
                        new EndOfSpeech());
        assertThat(server.connections().getFirst().controlMessages()).endsWith("{\"type\":\"CloseStream\"}");
    }

    @Test
    void hangingUpByCancellingStillSendsCloseStream() {
        StepVerifier.create(transcribe(config()))
                .then(() -> say(audio.silent()))
                .then(() -> Await.until("audio arrived", () -> audioOf(0) == 160))
                .thenCancel()
                .verify(WAIT);

        Await.until("CloseStream received", () -> controlsOf(0).contains("{\"type\":\"CloseStream\"}"));
    }

    @Test
    void aDroppedSocketReconnectsOnceAndTheAudioOfTheGapIsNotLost() {
        server.utterances("first", "second");

        StepVerifier.create(transcribe(config()))
                .then(() -> speak(10, 0))
                .expectNext(new SpeechStarted(1000), new TranscriptInterim("first"))
                .then(() -> Await.until("10 frames", () -> audioOf(0) == 1600))
                .then(() -> server.delayHandshakes(Duration.ofMillis(300)))
                .then(() -> connection(0).drop())
                .then(() -> Await.until("drop noticed", () -> reconnects.get() == 1))
                .then(() -> speak(0, 5))
                .then(() -> speak(10, 20))
                .assertNext(started -> assertThat(started).as("the fake saw %s", sockets()).isEqualTo(new SpeechStarted(1300)))
                .expectNext(new TranscriptInterim("second"))
                .expectNext(new TranscriptFinal("second"), new EndOfSpeech())
                .thenCancel()
                .verify(WAIT);

        assertThat(server.connections()).hasSize(2);
        assertThat(server.connections().get(1).audio()).as("audio sent while reconnecting is not lost").hasSize(35 * 160);
    }

    @Test
    void aSecondDropEndsTheSessionWithAConnectivityFailure() {
        StepVerifier.create(transcribe(config()))
                .then(() -> say(audio.silent()))
                .then(() -> Await.until("first socket has audio", () -> audioOf(0) > 0))
                .then(() -> connection(0).drop())
                .then(() -> Await.until("drop noticed", () -> reconnects.get() == 1))
                .then(() -> say(audio.silent()))
                .then(() -> Await.until("second socket has audio", () -> audioOf(1) > 0))
                .then(() -> connection(1).drop())
                .expectErrorMatches(error -> category(error, ErrorCategory.CONNECTIVITY))
                .verify(WAIT);
        assertThat(reconnects).hasValue(1);
    }

    @Test
    void undecodableAudioIsNotReconnected() {
        StepVerifier.create(transcribe(config()))
                .then(() -> connection(0).close(1008, "DATA-0000"))
                .expectErrorMatches(error -> category(error, ErrorCategory.INVALID_REQUEST) && error.getMessage().contains("DATA-0000"))
                .verify(WAIT);
        assertThat(reconnects).hasValue(0);
    }

    @Test
    void aWrongKeyFailsAtOnceAsAuthentication() {
        StepVerifier.create(new DeepgramSpeechToText(DeepgramSttConfig.of(server.listenUrl(), "wrong"), Schedulers.parallel(), listener)
                        .transcribe(CALL, caller.asFlux()))
                .expectErrorMatches(error -> category(error, ErrorCategory.AUTHENTICATION))
                .verify(WAIT);
        assertThat(reconnects).hasValue(0);
    }

    @Test
    void aRefusedHandshakeFailsOverToTheNextProvider() {
        server.refuseHandshakes(503, 1).utterances("hello");
        FailoverSpeechToText providers = new FailoverSpeechToText(List.of(
                new DeepgramSpeechToText(config(), Schedulers.parallel(), listener),
                new DeepgramSpeechToText(config(), Schedulers.parallel(), listener)));

        StepVerifier.create(providers.transcribe(CALL, caller.asFlux()))
                .then(() -> connection(0))
                .then(() -> speak(10, 0))
                .expectNextMatches(SpeechStarted.class::isInstance)
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aHandshakeSlowerThanTheConnectTimeoutFailsOverToTheNextProvider() {
        server.delayHandshakes(Duration.ofSeconds(3));
        DeepgramSttConfig impatient = new DeepgramSttConfig(server.listenUrl(), "dg-key", "nova-3", "en-US", true, 300, 1000,
                true, true, true, Map.of(), Duration.ofSeconds(4), 250, false, config().vad(), Duration.ofMillis(300),
                Duration.ofSeconds(2));
        try (FakeDeepgramListenServer backup = FakeDeepgramListenServer.start("dg-key")) {
            backup.utterances("hello");
            FailoverSpeechToText providers = new FailoverSpeechToText(List.of(
                    new DeepgramSpeechToText(impatient, Schedulers.parallel(), listener),
                    new DeepgramSpeechToText(DeepgramSttConfig.of(backup.listenUrl(), "dg-key"), Schedulers.parallel(), listener)));

            StepVerifier.create(providers.transcribe(CALL, caller.asFlux()))
                    .then(() -> Await.until("backup connected", () -> !backup.connections().isEmpty()))
                    .then(() -> speak(10, 0))
                    .expectNextMatches(SpeechStarted.class::isInstance)
                    .thenCancel()
                    .verify(WAIT);
        }
    }

    @Test
    void malformedMessagesAreSkippedAndCounted() {
        StepVerifier.create(transcribe(config()))
                .then(() -> {
                    connection(0).send("{not json");
                    connection(0).send("{\"type\":\"Metadata\",\"request_id\":\"x\"}");
                    connection(0).send(results("still here", true, false));
                })
                .expectNext(new TranscriptFinal("still here"))
                .thenCancel()
                .verify(WAIT);
        assertThat(droppedMessages).hasValue(1);
    }

    @Test
    void theConfigNeverShowsTheKey() {
        assertThat(config().toString()).doesNotContain("dg-key");
    }

    private static String results(String transcript, boolean isFinal, boolean speechFinal) {
        return "{\"type\":\"Results\",\"channel_index\":[0,1],\"duration\":1.0,\"start\":1.0,\"is_final\":" + isFinal
                + ",\"speech_final\":" + speechFinal + ",\"from_finalize\":false,\"channel\":{\"alternatives\":[{\"transcript\":\""
                + transcript + "\",\"confidence\":0.9,\"words\":[]}]},\"metadata\":{\"request_id\":\"x\"}}";
    }
}
