package io.firstbyte.adapters.telephony.telnyx;

import static io.firstbyte.adapters.telephony.common.DropKind.GATEWAY_ERROR;
import static io.firstbyte.adapters.telephony.common.DropKind.OUTBOUND_TRACK;

import io.firstbyte.adapters.telephony.common.Abbreviate;
import io.firstbyte.adapters.telephony.common.CallerNumbers;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.InboundAudio;
import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.MarkPlayed;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads Telnyx's messages (protocols.md 2.1) leniently: both spellings of old and new frames. */
final class TelnyxInbound {

    /** A started stream: the event for the pipeline and how its media is encoded, if supported. */
    record Start(CallStarted started, Optional<InboundAudio> audio) {
    }

    /** One caller-track media payload and its place in the stream. */
    record Media(long chunk, byte[] payload) {
    }

    private TelnyxInbound() {
    }

    static Start start(JsonNode root) {
        JsonNode start = Json.object(root, "start");
        String streamId = Json.text(root.has("stream_id") ? root : start, "stream_id");
        String callControlId = Json.text(start, "call_control_id");
        CallStarted started = new CallStarted(streamId, callControlId, parameters(start), InboundAudio.PIPELINE_FORMAT);
        return new Start(started, wireFormat(start.path("media_format")).flatMap(TelnyxInbound::audio));
    }

    /** Caller-track media; frames of our own (outbound) track are dropped. */
    static Media media(JsonNode root) {
        JsonNode media = Json.object(root, "media");
        String track = media.has("track") ? Json.text(media, "track") : "inbound";
        if (!track.startsWith("inbound")) {
            throw new DroppedMessage(OUTBOUND_TRACK, "track " + Abbreviate.of(track));
        }
        long chunk = media.has("chunk") ? Json.integer(media, "chunk") : Json.integer(root, "sequence_number");
        return new Media(chunk, Json.base64(Json.text(media, "payload")));
    }

    static Dtmf dtmf(JsonNode root) {
        return new Dtmf(Json.text(Json.object(root, "dtmf"), "digit"));
    }

    static MarkPlayed mark(JsonNode root) {
        return new MarkPlayed(Json.text(Json.object(root, "mark"), "name"));
    }

    /** Telnyx reports the error under {@code error}; one integration reads it under {@code payload}. */
    static DroppedMessage error(JsonNode root) {
        JsonNode body = root.path("error").isObject() ? root.path("error") : root.path("payload");
        String code = Json.optionalText(body, "code");
        String title = Json.optionalText(body, "title");
        return new DroppedMessage(GATEWAY_ERROR, "error " + Abbreviate.of(code == null ? "?" : code)
                + " " + Abbreviate.of(title == null ? "?" : title));
    }

    /**
     * {@code custom_parameters}, the decoded {@code client_state} object (if it is one) and the
     * numbers from {@code from}/{@code to}, which win over anything the user passed.
     */
    private static Map<String, String> parameters(JsonNode start) {
        Map<String, String> values = new LinkedHashMap<>(customParameters(start.path("custom_parameters")));
        String clientState = Json.optionalText(start, "client_state");
        if (clientState != null) {
            values.put("client_state", clientState);
            decodedClientState(clientState).forEach(values::putIfAbsent);
        }
        putIfPresent(values, CallerNumbers.FROM, Json.optionalText(start, "from"));
        putIfPresent(values, CallerNumbers.TO, Json.optionalText(start, "to"));
        putIfPresent(values, "call_session_id", Json.optionalText(start, "call_session_id"));
        return CallerNumbers.withFromAndTo(values);
    }

    /** An object of name to value, or the Call Control request's list of {@code {name, value}}. */
    private static Map<String, String> customParameters(JsonNode parameters) {
        if (!parameters.isArray()) {
            return parameters.isObject() ? Json.scalars(parameters) : Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode entry : parameters) {
            String name = Json.optionalText(entry, "name");
            String value = Json.optionalText(entry, "value");
            if (name != null && value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    private static Map<String, String> decodedClientState(String clientState) {
        try {
            return Json.scalars(Json.parseObject(new String(Base64.getDecoder().decode(clientState), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | DroppedMessage notJsonState) {
            return Map.of();
        }
    }

    private static void putIfPresent(Map<String, String> values, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
    }

    /** PCMU (old frames: {@code audio/x-mulaw}), PCMA, or L16; a stream without a format is PCMU 8 kHz. */
    private static Optional<AudioFormat> wireFormat(JsonNode mediaFormat) {
        String encoding = Optional.ofNullable(Json.optionalText(mediaFormat, "encoding")).orElse("PCMU");
        int rate = (int) Math.clamp(Json.integer(mediaFormat, "sample_rate", 8000), 1, 192_000);
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "pcmu", "audio/x-mulaw" -> Optional.of(new AudioFormat(AudioEncoding.MULAW, rate));
            case "pcma", "audio/x-alaw" -> Optional.of(new AudioFormat(AudioEncoding.ALAW, rate));
            case "l16", "audio/x-l16" -> Optional.of(new AudioFormat(AudioEncoding.PCM16LE, rate));
            default -> Optional.empty();
        };
    }

    /** RTP carries L16 in network byte order (RFC 3551). */
    private static Optional<InboundAudio> audio(AudioFormat format) {
        return InboundAudio.of(format, ByteOrder.BIG_ENDIAN);
    }
}
