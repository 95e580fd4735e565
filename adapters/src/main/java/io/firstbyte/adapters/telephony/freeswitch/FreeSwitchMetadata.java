package io.firstbyte.adapters.telephony.freeswitch;

import io.firstbyte.adapters.telephony.common.CallIds;
import io.firstbyte.adapters.telephony.common.CallerNumbers;
import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.CallStarted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The call as the dial plan describes it: the metadata JSON of {@code uuid_audio_stream ... start}
 * (free-form in the module; Firstbyte reads its scalar members) over the query parameters of the
 * stream URL. Either may carry the numbers, the channel's uuid and the stream's sample rate.
 */
final class FreeSwitchMetadata {

    record Start(CallStarted started, AudioFormat format) {
    }

    private static final List<String> ID_KEYS = List.of("uuid", "call_uuid", "unique-id", "callid");
    private static final List<String> RATE_KEYS = List.of("samplerate", "sample_rate", "rate");

    private FreeSwitchMetadata() {
    }

    static Start start(Map<String, String> query, @Nullable JsonNode metadata, int defaultRate) {
        Map<String, String> parameters = new LinkedHashMap<>(query);
        if (metadata != null) {
            parameters.putAll(Json.scalars(metadata));
        }
        String id = first(parameters, ID_KEYS);
        String callId = id == null || id.isBlank() ? CallIds.random() : id;
        AudioFormat format = new AudioFormat(AudioEncoding.PCM16LE, rate(first(parameters, RATE_KEYS), defaultRate));
        return new Start(new CallStarted(callId, callId, CallerNumbers.withFromAndTo(parameters), AudioFormat.MULAW_8K), format);
    }

    /** {@code 8k}, {@code 16k} (as in the start command) or a number of hertz. */
    static int rate(@Nullable String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        String rate = value.strip().toLowerCase(Locale.ROOT);
        try {
            int hertz = rate.endsWith("k") ? Integer.parseInt(rate.substring(0, rate.length() - 1)) * 1000 : Integer.parseInt(rate);
            return hertz > 0 && hertz <= 192_000 ? hertz : fallback;
        } catch (NumberFormatException notARate) {
            return fallback;
        }
    }

    private static @Nullable String first(Map<String, String> parameters, List<String> keys) {
        for (String key : keys) {
            for (Map.Entry<String, String> entry : parameters.entrySet()) {
                if (entry.getKey().toLowerCase(Locale.ROOT).equals(key)) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }
}
