package io.firstbyte.adapters.tts.elevenlabs;

import io.firstbyte.adapters.http.Secrets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One ElevenLabs voice over stream-input. {@code baseUrl} is {@code wss://api.elevenlabs.io} in
 * production. Output is always {@code ulaw_8000}; {@code auto_mode} is on (whole clauses are sent,
 * so the chunk schedule would only add delay) and alignment is requested in sync with the audio,
 * since it is how audio is matched to clauses. {@code inactivityTimeoutSeconds} (at most 180) is how
 * long the server keeps an idle socket; the pre-opened spare socket is replaced before then.
 * The key never appears in {@link #toString()}.
 */
public record ElevenLabsConfig(String baseUrl, String apiKey, String voiceId, String modelId, double stability,
                               double similarityBoost, int inactivityTimeoutSeconds, Duration connectTimeout) {

    public static final String PRODUCTION_URL = "wss://api.elevenlabs.io";

    public ElevenLabsConfig {
        if (inactivityTimeoutSeconds < 20 || inactivityTimeoutSeconds > 180) {
            throw new IllegalArgumentException("inactivity timeout must be 20..180 s: " + inactivityTimeoutSeconds);
        }
    }

    public static ElevenLabsConfig of(String baseUrl, String apiKey, String voiceId) {
        return new ElevenLabsConfig(baseUrl, apiKey, voiceId, "eleven_flash_v2_5", 0.5, 0.8, 180, Duration.ofSeconds(3));
    }

    String streamUrl() {
        return baseUrl + "/v1/text-to-speech/" + URLEncoder.encode(voiceId, StandardCharsets.UTF_8) + "/stream-input"
                + "?model_id=" + URLEncoder.encode(modelId, StandardCharsets.UTF_8)
                + "&output_format=ulaw_8000&inactivity_timeout=" + inactivityTimeoutSeconds
                + "&auto_mode=true&sync_alignment=true";
    }

    /** How long a pre-opened socket may wait before it is replaced rather than used. */
    Duration spareMaxAge() {
        return Duration.ofSeconds(inactivityTimeoutSeconds - 10L);
    }

    @Override
    public String toString() {
        return "ElevenLabsConfig[baseUrl=" + baseUrl + ", apiKey=" + Secrets.mask(apiKey) + ", voice=" + voiceId
                + ", model=" + modelId + ", inactivityTimeout=" + inactivityTimeoutSeconds + "s]";
    }
}
