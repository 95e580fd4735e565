package io.firstbyte.adapters.telephony.vonage;

import static io.firstbyte.adapters.telephony.common.DropKind.UNSUPPORTED_AUDIO_FORMAT;

import io.firstbyte.adapters.telephony.common.Abbreviate;
import io.firstbyte.adapters.telephony.common.CallIds;
import io.firstbyte.adapters.telephony.common.CallerNumbers;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.MarkPlayed;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reads Vonage's messages (protocols.md 3.4): the first one with the NCCO's headers, then events. */
final class VonageInbound {

    record Start(CallStarted started, AudioFormat format) {
    }

    private static final Pattern L16_RATE = Pattern.compile("audio/l16;\\s*rate=(8000|16000)");
    private static final List<String> CALL_ID_KEYS = List.of("uuid", "call_uuid", "conversation_uuid");

    private VonageInbound() {
    }

    /** The first message: {@code websocket:connected} (older docs: no event) with the NCCO's headers merged in. */
    static Start connected(JsonNode root) {
        String contentType = Json.text(root, "content-type");
        Matcher rate = L16_RATE.matcher(contentType.toLowerCase(Locale.ROOT).strip());
        if (!rate.matches()) {
            throw new DroppedMessage(UNSUPPORTED_AUDIO_FORMAT, "content-type " + Abbreviate.of(contentType));
        }
        Map<String, String> headers = Json.scalars(root);
        headers.remove("event");
        headers.remove("content-type");
        String callId = callId(headers);
        AudioFormat format = new AudioFormat(AudioEncoding.PCM16LE, Integer.parseInt(rate.group(1)));
        return new Start(new CallStarted(callId, callId, CallerNumbers.withFromAndTo(headers), AudioFormat.MULAW_8K), format);
    }

    static Dtmf dtmf(JsonNode root) {
        return new Dtmf(Json.text(root, "digit"));
    }

    static MarkPlayed notify(JsonNode root) {
        return new MarkPlayed(Json.text(Json.object(root, "payload"), "name"));
    }

    /** Vonage names no call on the socket: the NCCO can pass its {@code uuid} in the headers. */
    private static String callId(Map<String, String> headers) {
        return CALL_ID_KEYS.stream().map(headers::get).filter(id -> id != null && !id.isBlank()).findFirst()
                .orElseGet(CallIds::random);
    }
}
