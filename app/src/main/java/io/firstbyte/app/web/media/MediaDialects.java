package io.firstbyte.app.web.media;

import io.firstbyte.adapters.telephony.asterisk.AsteriskWebSocketCodec;
import io.firstbyte.adapters.telephony.freeswitch.FreeSwitchAudioStreamCodec;
import io.firstbyte.adapters.telephony.freeswitch.FreeSwitchPlayback;
import io.firstbyte.adapters.telephony.freeswitch.FreeSwitchSettings;
import io.firstbyte.adapters.telephony.jambonz.JambonzListenCodec;
import io.firstbyte.adapters.telephony.plivo.PlivoMediaCodec;
import io.firstbyte.adapters.telephony.telnyx.TelnyxMediaCodec;
import io.firstbyte.adapters.telephony.vonage.VonageWebSocketCodec;
import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.TransportCodec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.socket.WebSocketSession;

/** The WebSocket gateway dialects served at {@code /audio/<name>}, each with its codec. */
public final class MediaDialects {

    /** A dialect's path name, how to build its codec for one connection, and the subprotocols it may ask for. */
    public record MediaDialect(String name, BiFunction<WebSocketSession, DroppedInput, TransportCodec> codecs,
                               List<String> subProtocols) {
    }

    private MediaDialects() {
    }

    public static List<MediaDialect> all(FreeSwitchPlayback freeSwitchPlayback) {
        return List.of(
                new MediaDialect("telnyx", (session, dropped) -> new TelnyxMediaCodec(dropped), List.of()),
                new MediaDialect("plivo", (session, dropped) -> new PlivoMediaCodec(dropped), List.of()),
                new MediaDialect("freeswitch", (session, dropped) -> new FreeSwitchAudioStreamCodec(dropped, query(session),
                        freeSwitchSettings(session.getHandshakeInfo().getSubProtocol(), freeSwitchPlayback)),
                        FreeSwitchAudioStreamCodec.DIALECT.subprotocols()),
                new MediaDialect("jambonz", (session, dropped) -> new JambonzListenCodec(dropped),
                        JambonzListenCodec.DIALECT.subprotocols()),
                new MediaDialect("vonage", (session, dropped) -> new VonageWebSocketCodec(dropped), List.of()),
                new MediaDialect("asterisk", (session, dropped) -> new AsteriskWebSocketCodec(dropped, query(session)),
                        AsteriskWebSocketCodec.DIALECT.subprotocols()));
    }

    /**
     * mod_audio_fork offers a subprotocol ({@code audio.drachtio.org}, or {@code audio.jambonz.org} in
     * jambonz builds) and plays {@code playAudio} files itself; mod_audio_stream offers none.
     */
    static FreeSwitchSettings freeSwitchSettings(@Nullable String subprotocol, FreeSwitchPlayback configured) {
        return FreeSwitchSettings.DEFAULTS.withPlayback(
                subprotocol == null || subprotocol.isEmpty() ? configured : FreeSwitchPlayback.AUDIO_FORK_FILES);
    }

    /** The upgrade URL's query parameters (gateways that pass caller numbers there). */
    static Map<String, String> query(WebSocketSession session) {
        String raw = session.getHandshakeInfo().getUri().getRawQuery();
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
