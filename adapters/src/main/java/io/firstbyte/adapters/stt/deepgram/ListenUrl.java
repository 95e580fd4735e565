package io.firstbyte.adapters.stt.deepgram;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The listen URL with its options as query parameters, for mu-law 8 kHz mono audio. */
final class ListenUrl {

    private ListenUrl() {
    }

    static String of(DeepgramSttConfig config) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model", config.model());
        params.put("language", config.language());
        params.put("encoding", "mulaw");
        params.put("sample_rate", "8000");
        params.put("channels", "1");
        params.put("interim_results", Boolean.toString(config.interimResults()));
        params.put("endpointing", config.endpointingMillis() < 0 ? "false" : Integer.toString(config.endpointingMillis()));
        if (config.utteranceEndMillis() > 0) {
            params.put("utterance_end_ms", Integer.toString(config.utteranceEndMillis()));
        }
        params.put("vad_events", Boolean.toString(config.vadEvents()));
        params.put("smart_format", Boolean.toString(config.smartFormat()));
        params.put("punctuate", Boolean.toString(config.punctuate()));
        params.putAll(config.extraParams());
        return config.url() + "?" + params.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
