package io.firstbyte.adapters.telephony.twilio;

import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Arrays;
import java.util.Base64;

/** Twilio's side of a Media Stream, message for message as protocols.md 1.4 shows them. */
final class TwilioWire {

    static final String STREAM_SID = "MZ18ad3ab5a668481ce02b83e7395059f0";
    static final String CALL_SID = "CA4e1a2c7ab7b7e0c7d3c6c8b0a6f1e2d3";
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final int FRAME = 160;

    private TwilioWire() {
    }

    static WireMessage text(String json) {
        return new WireMessage.Text(json);
    }

    static WireMessage connected() {
        return text("""
                {"event":"connected","protocol":"Call","version":"1.0.0"}""");
    }

    static WireMessage start() {
        return start(STREAM_SID);
    }

    static WireMessage start(String streamSid) {
        return text("""
                {"event":"start","sequenceNumber":"1","streamSid":"%1$s",
                 "start":{"streamSid":"%1$s","accountSid":"%2$s","callSid":"%3$s","tracks":["inbound"],
                          "customParameters":{"From":"+15550001111","To":"+15550002222","token":"9f2cabc"},
                          "mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}"""
                .formatted(streamSid, ACCOUNT_SID, CALL_SID));
    }

    static WireMessage media(long timestamp, byte[] audio) {
        return mediaOnTrack("inbound", timestamp, audio);
    }

    static WireMessage mediaOnTrack(String track, long timestamp, byte[] audio) {
        return text("""
                {"event":"media","sequenceNumber":"3","streamSid":"%s",
                 "media":{"track":"%s","chunk":"2","timestamp":"%d","payload":"%s"}}"""
                .formatted(STREAM_SID, track, timestamp, Base64.getEncoder().encodeToString(audio)));
    }

    static WireMessage mediaWithPayload(String payload) {
        return text("""
                {"event":"media","sequenceNumber":"3","streamSid":"%s",
                 "media":{"track":"inbound","chunk":"2","timestamp":"20","payload":"%s"}}"""
                .formatted(STREAM_SID, payload));
    }

    static WireMessage dtmf(String digit) {
        return text("""
                {"event":"dtmf","sequenceNumber":"5","streamSid":"%s","dtmf":{"track":"inbound_track","digit":"%s"}}"""
                .formatted(STREAM_SID, digit));
    }

    static WireMessage mark(String name) {
        return text("""
                {"event":"mark","sequenceNumber":"4","streamSid":"%s","mark":{"name":"%s"}}"""
                .formatted(STREAM_SID, name));
    }

    static WireMessage stop() {
        return text("""
                {"event":"stop","sequenceNumber":"9","streamSid":"%s","stop":{"accountSid":"%s","callSid":"%s"}}"""
                .formatted(STREAM_SID, ACCOUNT_SID, CALL_SID));
    }

    /** {@code frames} 20 ms frames of one repeated mu-law byte. */
    static byte[] frames(int frames, int code) {
        byte[] audio = new byte[frames * FRAME];
        Arrays.fill(audio, (byte) code);
        return audio;
    }
}
