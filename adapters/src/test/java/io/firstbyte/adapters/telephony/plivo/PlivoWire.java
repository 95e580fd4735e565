package io.firstbyte.adapters.telephony.plivo;

import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Arrays;
import java.util.Base64;

/** Plivo's side of an audio stream, message for message as protocols.md 2.2 shows them. */
final class PlivoWire {

    static final String STREAM_ID = "b77e037d-4119-44b5-902d-25826b654539";
    static final String CALL_ID = "a1b2c3d4-0000-4000-8000-1234567890ab";

    private PlivoWire() {
    }

    static WireMessage text(String json) {
        return new WireMessage.Text(json);
    }

    static WireMessage start() {
        return start("audio/x-mulaw", 8000, "From=14155550100,To=14155550199,tenant=t42,token=9f2c1a");
    }

    static WireMessage start(String encoding, int rate, String extraHeaders) {
        return text("""
                {"event":"start","sequenceNumber":1,
                 "start":{"callId":"%s","streamId":"%s","accountId":"MA123","tracks":["inbound"],
                          "mediaFormat":{"encoding":"%s","sampleRate":%d}},
                 "extra_headers":"%s"}"""
                .formatted(CALL_ID, STREAM_ID, encoding, rate, extraHeaders));
    }

    static WireMessage media(byte[] audio) {
        return mediaOnTrack("inbound", audio);
    }

    static WireMessage mediaOnTrack(String track, byte[] audio) {
        return mediaWithPayload(track, Base64.getEncoder().encodeToString(audio));
    }

    static WireMessage mediaWithPayload(String track, String payload) {
        return text("""
                {"event":"media","sequenceNumber":42,"streamId":"%s",
                 "media":{"track":"%s","timestamp":"1705312200000","chunk":41,"payload":"%s"},
                 "extra_headers":"tenant=t42"}"""
                .formatted(STREAM_ID, track, payload));
    }

    static WireMessage dtmf(String digit) {
        return text("""
                {"event":"dtmf","sequenceNumber":50,"streamId":"%s","dtmf":{"track":"inbound","digit":"%s","timestamp":"1705312250000"}}"""
                .formatted(STREAM_ID, digit));
    }

    static WireMessage playedStream(String name) {
        return text("""
                {"event":"playedStream","sequenceNumber":75,"streamId":"%s","name":"%s"}""".formatted(STREAM_ID, name));
    }

    static WireMessage clearedAudio() {
        return text("""
                {"event":"clearedAudio","sequenceNumber":80,"streamId":"%s"}""".formatted(STREAM_ID));
    }

    static WireMessage stop() {
        return text("""
                {"event":"stop","sequenceNumber":90,"streamId":"%s"}""".formatted(STREAM_ID));
    }

    static byte[] frames(int frames, int code) {
        byte[] audio = new byte[frames * 160];
        Arrays.fill(audio, (byte) code);
        return audio;
    }
}
