package io.firstbyte.adapters.telephony.twilio;

import static io.firstbyte.adapters.telephony.twilio.TwilioWire.STREAM_SID;
import static io.firstbyte.adapters.telephony.twilio.TwilioWire.frames;
import static io.firstbyte.adapters.telephony.twilio.TwilioWire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Server to Twilio, protocols.md 1.5: only media, mark and clear, each naming the stream. */
class TwilioOutboundMessagesTest {

    private final RecordingDrops drops = new RecordingDrops();
    private final TwilioMediaCodec codec = new TwilioMediaCodec(drops);

    @Test
    void nothingIsSentBeforeStart() {
        List<OutboundEvent> events = List.of(new AudioOut(frames(1, 0xFF), AudioFormat.MULAW_8K),
                new MarkSent("m"), new Interruption(0), new EndCall("bye"));

        assertThat(events).allSatisfy(event -> assertThat(codec.encode(event)).isEmpty());
    }

    @Test
    void audioIsSentAsMediaWithBase64MulawAndTheStreamSid() {
        codec.decode(TwilioWire.start());
        byte[] frame = frames(1, 0x7F);

        assertThat(codec.encode(new AudioOut(frame, AudioFormat.MULAW_8K))).containsExactly(text(
                "{\"event\":\"media\",\"streamSid\":\"" + STREAM_SID + "\",\"media\":{\"payload\":\""
                        + Base64.getEncoder().encodeToString(frame) + "\"}}"));
    }

    @Test
    void audioLongerThanOneFrameIsOneMediaMessage() {
        codec.decode(TwilioWire.start());

        List<WireMessage> sent = codec.encode(new AudioOut(frames(5, 0xFF), AudioFormat.MULAW_8K));

        assertThat(sent).singleElement().satisfies(message -> assertThat(payloadOf(message)).isEqualTo(frames(5, 0xFF)));
    }

    @Test
    void markIsSentWithItsNameAndTheStreamSid() {
        codec.decode(TwilioWire.start());

        assertThat(codec.encode(new MarkSent("turn3-seg7"))).containsExactly(text(
                "{\"event\":\"mark\",\"streamSid\":\"" + STREAM_SID + "\",\"mark\":{\"name\":\"turn3-seg7\"}}"));
    }

    @Test
    void markNameIsJsonEscaped() {
        codec.decode(TwilioWire.start());
        String hostile = "a\"b\\c\n},\"event\":\"clear";

        WireMessage sent = codec.encode(new MarkSent(hostile)).getFirst();

        JsonNode json = JsonMapper.builder().build().readTree(((WireMessage.Text) sent).text());
        assertThat(json.path("event").asString()).isEqualTo("mark");
        assertThat(json.path("mark").path("name").asString()).isEqualTo(hostile);
    }

    @Test
    void interruptionIsSentAsClear() {
        codec.decode(TwilioWire.start());

        assertThat(codec.encode(new Interruption(1234)))
                .containsExactly(text("{\"event\":\"clear\",\"streamSid\":\"" + STREAM_SID + "\"}"));
    }

    @Test
    void endCallSendsNothingBecauseClosingTheSocketHangsUp() {
        codec.decode(TwilioWire.start());

        assertThat(codec.encode(new EndCall("goodbye"))).isEmpty();
    }

    @Test
    void aTransferIsNoMessageOnTheStreamButTheStreamsEndAndTheActionUrlsDial() {
        codec.decode(TwilioWire.start());

        assertThat(codec.encode(new EndCall("transfer", "+15550002222"))).isEmpty();
        assertThat(codec.handsOver()).isTrue();
    }

    @Test
    void pcm16At8kIsConvertedToMulaw() {
        codec.decode(TwilioWire.start());
        short[] samples = ramp(160);

        WireMessage sent = codec.encode(new AudioOut(Pcm16.toLittleEndian(samples), AudioFormat.PCM16_8K)).getFirst();

        assertThat(payloadOf(sent)).isEqualTo(G711.encodeMulaw(samples));
    }

    @Test
    void alawAt8kIsConvertedToMulaw() {
        codec.decode(TwilioWire.start());
        short[] samples = ramp(160);
        byte[] alaw = G711.encodeAlaw(samples);

        WireMessage sent = codec.encode(new AudioOut(alaw, AudioFormat.ALAW_8K)).getFirst();

        assertThat(payloadOf(sent)).isEqualTo(G711.encodeMulaw(G711.decodeAlaw(alaw)));
    }

    @Test
    void audioThatNeedsResamplingIsDroppedAndCounted() {
        codec.decode(TwilioWire.start());

        assertThat(codec.encode(new AudioOut(new byte[640], AudioFormat.PCM16_16K))).isEmpty();
        assertThat(codec.encode(new AudioOut(new byte[160], new AudioFormat(AudioEncoding.MULAW, 16000)))).isEmpty();

        assertThat(drops.kinds()).containsExactly("unsupported_audio_format", "unsupported_audio_format");
    }

    @Test
    void emptyAudioSendsNothing() {
        codec.decode(TwilioWire.start());

        assertThat(codec.encode(new AudioOut(new byte[0], AudioFormat.MULAW_8K))).isEmpty();
    }

    private static byte[] payloadOf(WireMessage message) {
        JsonNode json = JsonMapper.builder().build().readTree(((WireMessage.Text) message).text());
        return Base64.getDecoder().decode(json.path("media").path("payload").asString());
    }

    private static short[] ramp(int length) {
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) (i * 400 - 32000);
        }
        return samples;
    }
}
