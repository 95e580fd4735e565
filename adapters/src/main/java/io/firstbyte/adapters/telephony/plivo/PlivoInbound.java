package io.firstbyte.adapters.telephony.plivo;

import static io.firstbyte.adapters.telephony.common.DropKind.OUTBOUND_TRACK;

import io.firstbyte.adapters.telephony.common.Abbreviate;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.InboundAudio;
import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.MarkPlayed;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads Plivo's messages (protocols.md 2.2) leniently: numbers or strings, unknown fields ignored. */
final class PlivoInbound {

    record Start(CallStarted started, Optional<InboundAudio> audio) {
    }

    private PlivoInbound() {
    }

    static Start start(JsonNode root) {
        JsonNode start = Json.object(root, "start");
        String streamId = Json.text(start.has("streamId") ? start : root, "streamId");
        String callId = Json.text(start, "callId");
        Map<String, String> parameters = new LinkedHashMap<>();
        String headers = Json.optionalText(root.has("extra_headers") ? root : start, "extra_headers");
        if (headers != null) {
            parameters.putAll(ExtraHeaders.parse(headers));
        }
        String accountId = Json.optionalText(start, "accountId");
        if (accountId != null) {
            parameters.put("accountId", accountId);
        }
        CallStarted started = new CallStarted(streamId, callId, parameters, InboundAudio.PIPELINE_FORMAT);
        return new Start(started, wireFormat(start.path("mediaFormat")).flatMap(InboundAudio::of));
    }

    static byte[] media(JsonNode root) {
        JsonNode media = Json.object(root, "media");
        String track = media.has("track") ? Json.text(media, "track") : "inbound";
        if (!track.equals("inbound")) {
            throw new DroppedMessage(OUTBOUND_TRACK, "track " + Abbreviate.of(track));
        }
        return Json.base64(Json.text(media, "payload"));
    }

    static Dtmf dtmf(JsonNode root) {
        return new Dtmf(Json.text(Json.object(root, "dtmf"), "digit"));
    }

    static MarkPlayed playedStream(JsonNode root) {
        return new MarkPlayed(Json.text(root, "name"));
    }

    /** {@code audio/x-mulaw} or {@code audio/x-l16} (taken as little-endian), at {@code sampleRate}. */
    private static Optional<AudioFormat> wireFormat(JsonNode mediaFormat) {
        String encoding = Optional.ofNullable(Json.optionalText(mediaFormat, "encoding")).orElse("audio/x-mulaw");
        int rate = (int) Math.clamp(Json.integer(mediaFormat, "sampleRate", 8000), 1, 192_000);
        String type = encoding.toLowerCase(Locale.ROOT).split(";")[0].strip();
        return switch (type) {
            case "audio/x-mulaw" -> Optional.of(new AudioFormat(AudioEncoding.MULAW, rate));
            case "audio/x-l16" -> Optional.of(new AudioFormat(AudioEncoding.PCM16LE, rate));
            default -> Optional.empty();
        };
    }
}
