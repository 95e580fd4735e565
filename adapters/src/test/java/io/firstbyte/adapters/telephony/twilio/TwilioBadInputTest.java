package io.firstbyte.adapters.telephony.twilio;

import static io.firstbyte.adapters.telephony.twilio.TwilioWire.STREAM_SID;
import static io.firstbyte.adapters.telephony.twilio.TwilioWire.frames;
import static io.firstbyte.adapters.telephony.twilio.TwilioWire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.HangUp;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every bad-input rule: the message yields no event, its kind is counted once, and the call goes
 * on (the next valid media still decodes).
 */
class TwilioBadInputTest {

    private final RecordingDrops drops = new RecordingDrops();
    private final TwilioMediaCodec codec = new TwilioMediaCodec(drops);

    @BeforeEach
    void streamHasStarted() {
        codec.decode(TwilioWire.connected());
        codec.decode(TwilioWire.start());
    }

    @Test
    void malformedJsonIsDroppedAndCounted() {
        assertDroppedAndCallGoesOn(text("{\"event\":\"media\",\"media\":{\"payload\":"), "malformed_json");
    }

    @Test
    void jsonThatIsNotAnObjectIsDroppedAsMalformed() {
        assertDroppedAndCallGoesOn(text("[\"media\"]"), "malformed_json");
    }

    @Test
    void emptyTextIsDroppedAsMalformed() {
        assertDroppedAndCallGoesOn(text(""), "malformed_json");
    }

    @Test
    void invalidBase64IsDroppedAndCounted() {
        assertDroppedAndCallGoesOn(TwilioWire.mediaWithPayload("not*base64!"), "invalid_base64");
    }

    @Test
    void partialFrameIsDroppedAndCounted() {
        assertDroppedAndCallGoesOn(TwilioWire.media(20, new byte[100]), "partial_frame");
    }

    @Test
    void frameAndAHalfIsDroppedAsPartial() {
        assertDroppedAndCallGoesOn(TwilioWire.media(20, new byte[240]), "partial_frame");
    }

    @Test
    void emptyPayloadIsDroppedAsPartialFrame() {
        assertDroppedAndCallGoesOn(TwilioWire.mediaWithPayload(""), "partial_frame");
    }

    @Test
    void mediaBeforeStartIsDroppedAndCounted() {
        TwilioMediaCodec fresh = new TwilioMediaCodec(drops);

        assertThat(fresh.decode(TwilioWire.media(20, frames(1, 0xFF)))).isEmpty();
        fresh.decode(TwilioWire.start());

        assertThat(drops.kinds()).containsExactly("media_before_start");
        assertThat(fresh.decode(TwilioWire.media(40, frames(1, 0xFF)))).singleElement().isInstanceOf(AudioIn.class);
    }

    @Test
    void secondStartIsDroppedAndCountedAndTheFirstStreamStays() {
        assertDroppedAndCallGoesOn(TwilioWire.start("MZ00000000000000000000000000000002"), "second_start");

        assertThat(codec.encode(new MarkSent("m")).getFirst()).isEqualTo(
                text("{\"event\":\"mark\",\"streamSid\":\"" + STREAM_SID + "\",\"mark\":{\"name\":\"m\"}}"));
    }

    @Test
    void oversizedMessageIsDroppedBeforeParsing() {
        String valid = ((WireMessage.Text) TwilioWire.media(20, frames(1, 0xFF))).text();
        // Trailing whitespace keeps the JSON valid, so only the size rule can drop it.
        String oversized = valid + " ".repeat(TwilioMediaCodec.MAX_TEXT_CHARS + 1 - valid.length());

        assertDroppedAndCallGoesOn(text(oversized), "oversized_message");
    }

    @Test
    void messageOfExactlyTheCapIsAccepted() {
        String valid = ((WireMessage.Text) TwilioWire.media(20, frames(1, 0xFF))).text();
        String atCap = valid + " ".repeat(TwilioMediaCodec.MAX_TEXT_CHARS - valid.length());

        assertThat(codec.decode(text(atCap))).singleElement().isInstanceOf(AudioIn.class);
    }

    @Test
    void binaryFrameIsDroppedAndCounted() {
        assertDroppedAndCallGoesOn(new WireMessage.Binary(frames(1, 0xFF)), "binary_frame");
    }

    @Test
    void unknownEventIsDroppedAndCounted() {
        assertDroppedAndCallGoesOn(text("{\"event\":\"transcription\",\"streamSid\":\"" + STREAM_SID + "\"}"),
                "unknown_event");
    }

    @Test
    void outboundTrackIsDroppedAndCounted() {
        assertDroppedAndCallGoesOn(TwilioWire.mediaOnTrack("outbound", 20, frames(1, 0xFF)), "outbound_track");
    }

    @Test
    void messageWithoutEventIsDroppedAsMissingField() {
        assertDroppedAndCallGoesOn(text("{\"streamSid\":\"" + STREAM_SID + "\"}"), "missing_field");
    }

    @Test
    void mediaWithoutPayloadIsDroppedAsMissingField() {
        assertDroppedAndCallGoesOn(text("{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"timestamp\":\"20\"}}"),
                "missing_field");
    }

    @Test
    void mediaWithoutIntegerTimestampIsDroppedAsMissingField() {
        String payload = Base64.getEncoder().encodeToString(frames(1, 0xFF));
        assertDroppedAndCallGoesOn(text("{\"event\":\"media\",\"media\":{\"timestamp\":\"soon\",\"payload\":\"" + payload + "\"}}"),
                "missing_field");
    }

    @Test
    void startWithoutCallSidIsDroppedAsMissingField() {
        TwilioMediaCodec fresh = new TwilioMediaCodec(drops);

        assertThat(fresh.decode(text("{\"event\":\"start\",\"streamSid\":\"MZ1\",\"start\":{\"streamSid\":\"MZ1\"}}"))).isEmpty();

        assertThat(drops.kinds()).containsExactly("missing_field");
        assertThat(fresh.encode(new MarkSent("m"))).as("a failed start names no stream").isEmpty();
    }

    @Test
    void markWithoutNameIsDroppedAsMissingField() {
        assertDroppedAndCallGoesOn(text("{\"event\":\"mark\",\"mark\":{}}"), "missing_field");
    }

    @Test
    void dtmfWithoutDigitIsDroppedAsMissingField() {
        assertDroppedAndCallGoesOn(text("{\"event\":\"dtmf\",\"dtmf\":{\"track\":\"inbound_track\"}}"), "missing_field");
    }

    @Test
    void mediaOfAnotherStreamIsDroppedAsForeignAndNotHeard() {
        assertDroppedAndCallGoesOn(ofAnotherStream(TwilioWire.media(20, frames(1, 0x7F))), "foreign_stream");
    }

    @Test
    void stopOfAnotherStreamIsDroppedAndDoesNotEndTheCall() {
        assertDroppedAndCallGoesOn(ofAnotherStream(TwilioWire.stop()), "foreign_stream");

        assertThat(codec.decode(TwilioWire.stop())).as("this stream's stop").singleElement().isInstanceOf(HangUp.class);
    }

    @Test
    void markOfAnotherStreamIsDroppedAndNotTakenAsPlayed() {
        assertDroppedAndCallGoesOn(ofAnotherStream(TwilioWire.mark("turn1-seg1")), "foreign_stream");
    }

    @Test
    void dtmfOfAnotherStreamIsDroppedAsForeign() {
        assertDroppedAndCallGoesOn(ofAnotherStream(TwilioWire.dtmf("1")), "foreign_stream");
    }

    @Test
    void messageNamingNoStreamIsTakenAsThisStreams() {
        String payload = Base64.getEncoder().encodeToString(frames(1, 0xFF));

        assertThat(codec.decode(text("{\"event\":\"media\",\"media\":{\"timestamp\":\"20\",\"payload\":\"" + payload + "\"}}")))
                .singleElement().isInstanceOf(AudioIn.class);
        assertThat(drops.kinds()).isEmpty();
    }

    private static WireMessage ofAnotherStream(WireMessage message) {
        return text(((WireMessage.Text) message).text().replace(STREAM_SID, "MZ00000000000000000000000000000002"));
    }

    private void assertDroppedAndCallGoesOn(WireMessage bad, String kind) {
        assertThat(codec.decode(bad)).as("events from the bad message").isEmpty();
        assertThat(drops.kinds()).containsExactly(kind);

        assertThat(codec.decode(TwilioWire.media(40, frames(1, 0x7F))))
                .as("the next valid media").singleElement().isInstanceOf(AudioIn.class);
    }
}
