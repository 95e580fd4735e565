package io.firstbyte.adapters.telephony.freeswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.firstbyte.adapters.telephony.common.CodecFuzz;
import io.firstbyte.adapters.telephony.common.RecordingDrops;
import io.firstbyte.adapters.telephony.common.Tones;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkPlayed;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.transport.WireMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** FreeSWITCH mod_audio_stream (protocols.md 3.1) and mod_audio_fork (3.2): metadata, L16 in, files or frames out. */
class FreeSwitchAudioStreamCodecTest {

    private static final String UUID = "0b7e2f5c-3d1a-4e8b-9f6a-1c2d3e4f5a6b";
    private static final WireMessage METADATA = text("""
            {"uuid":"%s","from":"+15550001111","to":"+15550002222","tenant":"t42"}""".formatted(UUID));

    private final RecordingDrops drops = new RecordingDrops();
    private final FreeSwitchAudioStreamCodec codec = new FreeSwitchAudioStreamCodec(drops);

    private static WireMessage text(String json) {
        return new WireMessage.Text(json);
    }

    private static WireMessage binary(byte[] audio) {
        return new WireMessage.Binary(audio);
    }

    private static AudioOut frame() {
        return new AudioOut(Tones.sineMulaw(440, 20), AudioFormat.MULAW_8K);
    }

    @Nested
    class FreeSwitchToServer {

        @Test
        void metadataStartsTheCallWithItsMembersAsParameters() {
            assertThat(codec.decode(METADATA)).containsExactly(new CallStarted(UUID, UUID,
                    Map.of("uuid", UUID, "from", "+15550001111", "to", "+15550002222", "tenant", "t42",
                            "From", "+15550001111", "To", "+15550002222"), AudioFormat.MULAW_8K));
        }

        @Test
        void freeSwitchChannelVariableNamesAreUnderstood() {
            CallStarted started = (CallStarted) codec.decode(text("""
                    {"caller_id_number":"1001","destination_number":"+15550002222"}""")).getFirst();

            assertThat(started.parameters()).containsEntry("From", "1001").containsEntry("To", "+15550002222");
        }

        @Test
        void withoutMetadataTheUrlsQueryParametersDescribeTheCall() {
            FreeSwitchAudioStreamCodec bare = new FreeSwitchAudioStreamCodec(drops,
                    Map.of("caller", "+15550001111", "callee", "+15550002222"), FreeSwitchSettings.DEFAULTS);

            List<InboundEvent> events = bare.decode(binary(new byte[320]));

            assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("CallStarted", "AudioIn");
            assertThat(((CallStarted) events.getFirst()).parameters())
                    .containsEntry("From", "+15550001111").containsEntry("To", "+15550002222");
        }

        @Test
        void aCallWithoutAUuidStartsOnAnEventLoopThreadWithoutBlocking() {
            List<InboundEvent> events = reactor.core.publisher.Mono.fromCallable(() -> codec.decode(text("""
                    {"from":"+15550001111","to":"+15550002222"}""")))
                    .subscribeOn(reactor.core.scheduler.Schedulers.parallel())
                    .block(java.time.Duration.ofSeconds(20));

            assertThat(((CallStarted) events.getFirst()).callId()).hasSize(36);
        }

        @Test
        void metadataWinsOverTheQueryParameters() {
            FreeSwitchAudioStreamCodec withQuery = new FreeSwitchAudioStreamCodec(drops, Map.of("to", "+1999"),
                    FreeSwitchSettings.DEFAULTS);

            assertThat(((CallStarted) withQuery.decode(METADATA).getFirst()).parameters()).containsEntry("To", "+15550002222");
        }

        @Test
        void l16At8kBecomesMulawFrames() {
            codec.decode(METADATA);
            short[] tone = Tones.sine(440, 8000, 20);

            assertThat(codec.decode(binary(Pcm16.toLittleEndian(tone)))).singleElement()
                    .satisfies(e -> assertThat(((AudioIn) e).audio()).isEqualTo(G711.encodeMulaw(tone)));
        }

        @Test
        void largerBufferSizesAreCutInto20MillisecondFrames() {
            codec.decode(METADATA);

            assertThat(codec.decode(binary(new byte[1600]))).hasSize(5)
                    .extracting(e -> ((AudioIn) e).timestampMillis()).containsExactly(0L, 20L, 40L, 60L, 80L);
        }

        @Test
        void l16At16kNamedInTheMetadataIsResampledKeepingTheTonesPitch() {
            codec.decode(text("{\"uuid\":\"u\",\"sampleRate\":\"16k\"}"));
            List<InboundEvent> events = new ArrayList<>();
            for (byte[] frame : Tones.slices(Tones.sineL16(1000, 16000, 500), 640)) {
                events.addAll(codec.decode(binary(frame)));
            }

            assertThat(events).hasSize(25);
            assertThat(Tones.frequency(Tones.decodedAudio(events), 8000)).isCloseTo(1000, within(15.0));
        }

        @Test
        void theRateMayComeFromTheUrl() {
            FreeSwitchAudioStreamCodec wide = new FreeSwitchAudioStreamCodec(drops, Map.of("rate", "16000"),
                    FreeSwitchSettings.DEFAULTS);
            wide.decode(METADATA);

            assertThat(wide.decode(binary(new byte[640]))).as("20 ms at 16 kHz is one frame").hasSize(1);
        }

        @Test
        void aMarkPlaysWhenTheCallerAudioClockPassesTheAudioSentBeforeIt() {
            codec.decode(METADATA);
            for (int i = 0; i < 10; i++) {
                codec.encode(frame());
            }
            codec.encode(new MarkSent("a1-c0"));

            List<InboundEvent> heard = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                heard.addAll(codec.decode(binary(new byte[320])));
            }
            List<InboundEvent> tenth = codec.decode(binary(new byte[320]));

            assertThat(heard).noneMatch(MarkPlayed.class::isInstance);
            assertThat(tenth).last().isEqualTo(new MarkPlayed("a1-c0"));
        }

        @Test
        void marksOfAnInterruptedAnswerNeverPlay() {
            codec.decode(METADATA);
            codec.encode(frame());
            codec.encode(new MarkSent("a1-c0"));
            codec.encode(new Interruption(0));

            assertThat(codec.decode(binary(new byte[3200]))).noneMatch(MarkPlayed.class::isInstance);
        }
    }

    @Nested
    class ServerToFreeSwitch {

        @Test
        void nothingIsSentBeforeTheCallStarts() {
            assertThat(List.of(frame(), new MarkSent("m"), new Interruption(0), new EndCall("bye")))
                    .allSatisfy(event -> assertThat(codec.encode(event)).isEmpty());
        }

        @Test
        void audioIsBatchedIntoStreamAudioFilesOfRawL16At8k() {
            codec.decode(METADATA);
            List<WireMessage> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.addAll(codec.encode(frame()));
            }

            JsonNode file = json(sent.getLast());
            assertThat(sent).as("two 100 ms files").hasSize(2);
            assertThat(file.path("type").asString()).isEqualTo("streamAudio");
            assertThat(file.path("data").path("audioDataType").asString()).isEqualTo("raw");
            assertThat(file.path("data").path("sampleRate").asInt()).isEqualTo(8000);
            assertThat(Base64.getDecoder().decode(file.path("data").path("audioData").asString())).hasSize(1600);
        }

        @Test
        void aMarkCutsTheFileSoTheClauseDoesNotWait() {
            codec.decode(METADATA);
            codec.encode(frame());
            codec.encode(frame());

            List<WireMessage> sent = codec.encode(new MarkSent("a1-c0"));

            assertThat(sent).singleElement().satisfies(message ->
                    assertThat(Base64.getDecoder().decode(json(message).path("data").path("audioData").asString())).hasSize(640));
        }

        @Test
        void interruptionDropsTheUnsentAudioAndSendsKillAudio() {
            codec.decode(METADATA);
            codec.encode(frame());

            assertThat(codec.encode(new Interruption(0))).containsExactly(text("{\"type\":\"killAudio\"}"));
            assertThat(codec.encode(new MarkSent("m"))).as("no audio left to send").isEmpty();
        }

        @Test
        void endCallSendsNothingToModAudioStream() {
            codec.decode(METADATA);

            assertThat(codec.encode(new EndCall("bye"))).isEmpty();
        }

        @Test
        void modAudioForkGetsPlayAudioFilesAndDisconnect() {
            FreeSwitchAudioStreamCodec fork = new FreeSwitchAudioStreamCodec(drops, Map.of(),
                    FreeSwitchSettings.DEFAULTS.withPlayback(FreeSwitchPlayback.AUDIO_FORK_FILES));
            fork.decode(METADATA);
            fork.encode(frame());

            JsonNode file = json(fork.encode(new MarkSent("m")).getFirst());
            assertThat(file.path("type").asString()).isEqualTo("playAudio");
            assertThat(file.path("data").path("audioContentType").asString()).isEqualTo("raw");
            assertThat(file.path("data").path("sampleRate").asInt()).isEqualTo(8000);
            assertThat(Base64.getDecoder().decode(file.path("data").path("audioContent").asString())).hasSize(320);
            assertThat(fork.encode(new EndCall("bye"))).containsExactly(text("{\"type\":\"disconnect\"}"));
        }

        @Test
        void aTransferIsTheTransferMessageForTheApplicationAndNoDisconnectOnBothModules() {
            FreeSwitchAudioStreamCodec fork = new FreeSwitchAudioStreamCodec(drops, Map.of(),
                    FreeSwitchSettings.DEFAULTS.withPlayback(FreeSwitchPlayback.AUDIO_FORK_FILES));
            fork.decode(METADATA);
            codec.decode(METADATA);
            WireMessage transfer = text("{\"type\":\"transfer\",\"data\":{\"number\":\"+15550002222\"}}");

            assertThat(fork.encode(new EndCall("transfer", "+15550002222"))).containsExactly(transfer);
            assertThat(codec.encode(new EndCall("transfer", "+15550002222"))).containsExactly(transfer);
            assertThat(codec.handsOver()).isTrue();
        }

        @Test
        void rawBinaryPlaybackSendsFramesAtTheStreamsRateKeepingTheTonesPitch() {
            FreeSwitchAudioStreamCodec binary = new FreeSwitchAudioStreamCodec(drops, Map.of("rate", "16k"),
                    FreeSwitchSettings.DEFAULTS.withPlayback(FreeSwitchPlayback.RAW_BINARY));
            binary.decode(METADATA);
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (byte[] frame : Tones.slices(Tones.sineMulaw(1000, 500), 160)) {
                for (WireMessage message : binary.encode(new AudioOut(frame, AudioFormat.MULAW_8K))) {
                    assertThat(((WireMessage.Binary) message).bytes()).hasSize(640);
                    sent.writeBytes(((WireMessage.Binary) message).bytes());
                }
            }

            assertThat(Tones.frequency(Pcm16.fromLittleEndian(sent.toByteArray()), 16000)).isCloseTo(1000, within(15.0));
        }

        private static JsonNode json(WireMessage message) {
            return JsonMapper.builder().build().readTree(((WireMessage.Text) message).text());
        }
    }

    @Nested
    class BadInput {

        @BeforeEach
        void callHasStarted() {
            codec.decode(METADATA);
        }

        @Test
        void metadataThatIsNotJsonIsCountedAndTheCallStartsWithTheUrlsParameters() {
            FreeSwitchAudioStreamCodec plain = new FreeSwitchAudioStreamCodec(drops, Map.of("to", "+15550002222"),
                    FreeSwitchSettings.DEFAULTS);

            assertThat(plain.decode(text("caller=1001 callee=2002"))).isEmpty();
            List<InboundEvent> events = plain.decode(binary(new byte[320]));

            assertThat(drops.kinds()).containsExactly("malformed_json");
            assertThat(((CallStarted) events.getFirst()).parameters()).containsEntry("To", "+15550002222");
        }

        @Test
        void textAfterTheMetadataIsDroppedAsUnknown() {
            assertDroppedAndCallGoesOn(text("{\"event\":\"hello\"}"), "unknown_event");
        }

        @Test
        void halfASampleIsDroppedAsPartialFrame() {
            assertDroppedAndCallGoesOn(binary(new byte[321]), "partial_frame");
        }

        @Test
        void aPartialFirstFrameStartsNothing() {
            FreeSwitchAudioStreamCodec fresh = new FreeSwitchAudioStreamCodec(drops);

            assertThat(fresh.decode(binary(new byte[1]))).isEmpty();
            assertThat(fresh.decode(binary(new byte[320]))).first().isInstanceOf(CallStarted.class);
        }

        @Test
        void oversizedFramesAreDroppedAndCounted() {
            assertDroppedAndCallGoesOn(binary(new byte[FreeSwitchAudioStreamCodec.MAX_BINARY_BYTES + 2]), "oversized_message");
        }

        @Test
        void aRateTheResamplerCannotReachStartsTheCallButDropsItsAudio() {
            FreeSwitchAudioStreamCodec odd = new FreeSwitchAudioStreamCodec(drops);

            assertThat(odd.decode(text("{\"uuid\":\"u\",\"sampleRate\":44100}"))).singleElement().isInstanceOf(CallStarted.class);
            assertThat(odd.decode(binary(new byte[1764]))).isEmpty();
            assertThat(drops.kinds()).containsExactly("unsupported_audio_format");
        }

        @Test
        void randomAndMangledInputNeverThrows() {
            CodecFuzz fuzz = new CodecFuzz(FreeSwitchAudioStreamCodec::new, started -> started.decode(METADATA));
            fuzz.randomBytesNeverThrow();
            fuzz.mangledMessagesNeverThrow(List.of(((WireMessage.Text) METADATA).text(), "{\"sampleRate\":\"16k\"}"));
        }

        private void assertDroppedAndCallGoesOn(WireMessage bad, String kind) {
            assertThat(codec.decode(bad)).as("events from the bad message").isEmpty();
            assertThat(drops.kinds()).containsExactly(kind);
            assertThat(codec.decode(binary(new byte[320]))).as("the next valid frame").singleElement().isInstanceOf(AudioIn.class);
        }
    }
}
