package io.firstbyte.adapters.telephony.freeswitch;

import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/** Writes the JSON messages the modules act on: a file of audio, stop playback, end the stream. */
final class FreeSwitchOutbound {

    /** mod_audio_fork stops playback; mod_audio_stream fires it as {@code mod_audio_stream::json} for the application. */
    static final WireMessage KILL_AUDIO = new WireMessage.Text("{\"type\":\"killAudio\"}");
    static final WireMessage DISCONNECT = new WireMessage.Text("{\"type\":\"disconnect\"}");

    private FreeSwitchOutbound() {
    }

    /**
     * Both modules: {@code {"type":"transfer","data":{"number":…}}}, fired to the application
     * ({@code mod_audio_fork::transfer}, {@code mod_audio_stream::json}), which transfers the channel.
     */
    static WireMessage transfer(String number) {
        ObjectNode message = Json.newObject().put("type", "transfer");
        message.putObject("data").put("number", number);
        return new WireMessage.Text(Json.write(message));
    }

    /** mod_audio_stream: {@code {"type":"streamAudio","data":{"audioDataType":"raw","sampleRate":…,"audioData":…}}}. */
    static WireMessage streamAudio(byte[] l16, int sampleRate) {
        ObjectNode message = Json.newObject().put("type", "streamAudio");
        message.putObject("data").put("audioDataType", "raw").put("sampleRate", sampleRate)
                .put("audioData", Base64.getEncoder().encodeToString(l16));
        return new WireMessage.Text(Json.write(message));
    }

    /** mod_audio_fork: {@code {"type":"playAudio","data":{"audioContentType":"raw","sampleRate":…,"audioContent":…}}}. */
    static WireMessage playAudio(byte[] l16, int sampleRate) {
        ObjectNode message = Json.newObject().put("type", "playAudio");
        message.putObject("data").put("audioContentType", "raw").put("sampleRate", sampleRate)
                .put("audioContent", Base64.getEncoder().encodeToString(l16));
        return new WireMessage.Text(Json.write(message));
    }
}
