package io.firstbyte.adapters.tts.cartesia;

import io.firstbyte.adapters.http.Secrets;
import java.time.Duration;

/**
 * One Cartesia voice. {@code url} is {@code wss://api.cartesia.ai/tts/websocket} in production;
 * {@code version} goes in {@code Cartesia-Version}. {@code maxBufferDelayMs} below 0 leaves the
 * server's default. Output is always raw {@code pcm_mulaw} at 8 kHz. The key never appears in
 * {@link #toString()}.
 */
public record CartesiaConfig(String url, String apiKey, String version, String modelId, String voiceId, String language,
                             int maxBufferDelayMs, Duration connectTimeout) {

    public static final String PRODUCTION_URL = "wss://api.cartesia.ai/tts/websocket";

    public static CartesiaConfig of(String url, String apiKey, String voiceId) {
        return new CartesiaConfig(url, apiKey, "2025-04-16", "sonic-2", voiceId, "en", -1, Duration.ofSeconds(3));
    }

    @Override
    public String toString() {
        return "CartesiaConfig[url=" + url + ", apiKey=" + Secrets.mask(apiKey) + ", version=" + version + ", model="
                + modelId + ", voice=" + voiceId + ", language=" + language + "]";
    }
}
