package io.firstbyte.adapters.telephony.telnyx;

import io.firstbyte.pipeline.transport.WireMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Telnyx's side of a media stream, message for message as protocols.md 2.1 shows them. */
final class TelnyxWire {

    static final String STREAM_ID = "32de0dea-53cb-4b21-89a4-9e1819c043bc";
    static final String CALL_CONTROL_ID = "v3:u5OAKGEPT3Dx8SZSSDRWEMdNH2OripQhO";
    static final int FRAME = 160;

    private TelnyxWire() {
    }

    static WireMessage text(String json) {
        return new WireMessage.Text(json);
    }

    static WireMessage connected() {
        return text("""
                {"event":"connected","version":"1.0.0"}""");
    }

    static WireMessage start() {
        String clientState = Base64.getEncoder().encodeToString("{\"tenant\":\"t42\"}".getBytes(StandardCharsets.UTF_8));
        return text("""
                {"event":"start","sequence_number":"1","stream_id":"%s",
                 "start":{"user_id":"3e6f995f","call_control_id":"%s","call_session_id":"cs-1",
                          "from":"+13125550100","to":"+13125550199","client_state":"%s",
                          "custom_parameters":{"token":"9f2c1a"},
                          "media_format":{"encoding":"PCMU","sample_rate":8000,"channels":1}}}"""
                .formatted(STREAM_ID, CALL_CONTROL_ID, clientState));
    }

    static WireMessage startWithFormat(String encoding, int rate) {
        return text("""
                {"event":"start","stream_id":"%s","start":{"call_control_id":"%s",
                 "media_format":{"encoding":"%s","sample_rate":%d,"channels":1}}}"""
                .formatted(STREAM_ID, CALL_CONTROL_ID, encoding, rate));
    }

    static WireMessage media(long chunk, byte[] audio) {
        return mediaOnTrack("inbound", chunk, audio);
    }

    static WireMessage mediaOnTrack(String track, long chunk, byte[] audio) {
        return text("""
                {"event":"media","sequence_number":"%d","stream_id":"%s",
                 "media":{"track":"%s","chunk":"%d","timestamp":"%d","payload":"%s"}}"""
                .formatted(chunk + 2, STREAM_ID, track, chunk, chunk * 20, Base64.getEncoder().encodeToString(audio)));
    }

    static WireMessage mediaWithPayload(String payload) {
        return text("""
                {"event":"media","sequence_number":"4","stream_id":"%s",
                 "media":{"track":"inbound","chunk":"2","timestamp":"5","payload":"%s"}}"""
                .formatted(STREAM_ID, payload));
    }

    static WireMessage dtmf(String digit) {
        return text("""
                {"event":"dtmf","sequence_number":"5","stream_id":"%s","occurred_at":"2025-06-05T08:54:19Z","dtmf":{"digit":"%s"}}"""
                .formatted(STREAM_ID, digit));
    }

    static WireMessage mark(String name) {
        return text("""
                {"event":"mark","sequence_number":"6","stream_id":"%s","mark":{"name":"%s"}}"""
                .formatted(STREAM_ID, name));
    }

    static WireMessage error(String bodyKey) {
        return text("""
                {"event":"error","sequence_number":"7","stream_id":"%s",
                 "%s":{"title":"rate_limit_reached","code":"100005","detail":"Too many requests"}}"""
                .formatted(STREAM_ID, bodyKey));
    }

    static WireMessage stop() {
        return text("""
                {"event":"stop","sequence_number":"8","stream_id":"%s","stop":{"user_id":"3e6f995f","call_control_id":"%s"}}"""
                .formatted(STREAM_ID, CALL_CONTROL_ID));
    }

    /** {@code frames} 20 ms frames of one repeated mu-law byte. */
    static byte[] frames(int frames, int code) {
        byte[] audio = new byte[frames * FRAME];
        Arrays.fill(audio, (byte) code);
        return audio;
    }
}
