package io.firstbyte.adapters.telephony.twilio;

import static io.firstbyte.adapters.telephony.twilio.TwilioWire.CALL_SID;
import static io.firstbyte.adapters.telephony.twilio.TwilioWire.STREAM_SID;
import static io.firstbyte.adapters.telephony.twilio.TwilioWire.frames;
import static io.firstbyte.adapters.telephony.twilio.TwilioWire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.HangUp;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.MarkPlayed;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio to server, one test per message of protocols.md 1.4. */
class TwilioInboundMessagesTest {

    private final RecordingDrops drops = new RecordingDrops();
    private final TwilioMediaCodec codec = new TwilioMediaCodec(drops);

    @Test
    void connectedYieldsNoEvent() {
        assertThat(codec.decode(TwilioWire.connected())).isEmpty();
        assertThat(drops.kinds()).isEmpty();
    }

    @Test
    void startYieldsCallStartedWithStreamCallParametersAndMulaw8k() {
        assertThat(codec.decode(TwilioWire.start())).containsExactly(new CallStarted(STREAM_SID, CALL_SID,
                Map.of("From", "+15550001111", "To", "+15550002222", "token", "9f2cabc"), AudioFormat.MULAW_8K));
    }

    @Test
    void startWithoutCustomParametersHasNone() {
        List<InboundEvent> events = codec.decode(text("""
                {"event":"start","streamSid":"MZ1","start":{"streamSid":"MZ1","callSid":"CA1"}}"""));

        assertThat(events).containsExactly(new CallStarted("MZ1", "CA1", Map.of(), AudioFormat.MULAW_8K));
    }

    @Test
    void startTakesTheStreamSidFromTheStartObjectWhenTheTopLevelOneIsAbsent() {
        List<InboundEvent> events = codec.decode(text("""
                {"event":"start","start":{"streamSid":"MZ2","callSid":"CA2"}}"""));

        assertThat(events).singleElement().extracting(e -> ((CallStarted) e).streamId()).isEqualTo("MZ2");
    }

    @Test
    void mediaYieldsTheRawMulawFrameStampedWithTwilioTimestamp() {
        codec.decode(TwilioWire.start());

        AudioIn audio = (AudioIn) codec.decode(TwilioWire.media(20, frames(1, 0x7F))).getFirst();

        assertThat(audio.audio()).isEqualTo(frames(1, 0x7F));
        assertThat(audio.format()).isEqualTo(AudioFormat.MULAW_8K);
        assertThat(audio.timestampMillis()).isEqualTo(20);
    }

    @Test
    void mediaOfSeveralWholeFramesIsOneAudioIn() {
        codec.decode(TwilioWire.start());

        List<InboundEvent> events = codec.decode(TwilioWire.media(40, frames(3, 0xFF)));

        assertThat(events).singleElement().satisfies(e -> assertThat(((AudioIn) e).durationMillis()).isEqualTo(60));
    }

    @Test
    void mediaWithoutTrackIsTheCallers() {
        codec.decode(TwilioWire.start());

        List<InboundEvent> events = codec.decode(text("""
                {"event":"media","streamSid":"%s","media":{"timestamp":"60","payload":"%s"}}"""
                .formatted(TwilioWire.STREAM_SID, Base64.getEncoder().encodeToString(frames(1, 0xFF)))));

        assertThat(events).singleElement().isInstanceOf(AudioIn.class);
    }

    @Test
    void integersMayArriveAsNumbersAndUnknownFieldsAreIgnored() {
        codec.decode(TwilioWire.start());

        List<InboundEvent> events = codec.decode(text("""
                {"event":"media","sequenceNumber":3,"extra":{"x":[1,2]},"streamSid":"%s",
                 "media":{"track":"inbound","chunk":2,"timestamp":80,"payload":"%s","future":true}}"""
                .formatted(TwilioWire.STREAM_SID, Base64.getEncoder().encodeToString(frames(1, 0xFF)))));

        assertThat(events).singleElement().satisfies(e -> assertThat(((AudioIn) e).timestampMillis()).isEqualTo(80));
    }

    @Test
    void dtmfYieldsTheDigit() {
        codec.decode(TwilioWire.start());

        assertThat(codec.decode(TwilioWire.dtmf("7"))).containsExactly(new Dtmf("7"));
    }

    @Test
    void markEchoYieldsMarkPlayed() {
        codec.decode(TwilioWire.start());

        assertThat(codec.decode(TwilioWire.mark("turn3-seg7"))).containsExactly(new MarkPlayed("turn3-seg7"));
    }

    @Test
    void stopYieldsHangUp() {
        codec.decode(TwilioWire.start());

        assertThat(codec.decode(TwilioWire.stop())).containsExactly(new HangUp("stop"));
    }

    @Test
    void aWholeCallDecodesWithoutDrops() {
        List<InboundEvent> events = List.of(TwilioWire.connected(), TwilioWire.start(),
                        TwilioWire.media(20, frames(1, 0xFF)), TwilioWire.media(40, frames(1, 0xFF)),
                        TwilioWire.dtmf("1"), TwilioWire.mark("m1"), TwilioWire.stop())
                .stream().flatMap(message -> codec.decode(message).stream()).toList();

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("CallStarted", "AudioIn", "AudioIn", "Dtmf", "MarkPlayed", "HangUp");
        assertThat(drops.kinds()).isEmpty();
    }
}
