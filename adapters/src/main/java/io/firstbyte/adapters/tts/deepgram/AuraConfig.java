package io.firstbyte.adapters.tts.deepgram;

import io.firstbyte.adapters.http.Secrets;
import java.time.Duration;

/**
 * One Deepgram Aura voice. {@code url} is {@code wss://api.deepgram.com/v1/speak} in production;
 * the model names the voice (e.g. {@code aura-2-thalia-en}). Output is always mu-law 8 kHz.
 * The key never appears in {@link #toString()}.
 */
public record AuraConfig(String url, String apiKey, String model, Duration connectTimeout) {

    public static final String PRODUCTION_URL = "wss://api.deepgram.com/v1/speak";

    public static AuraConfig of(String url, String apiKey) {
        return new AuraConfig(url, apiKey, "aura-2-thalia-en", Duration.ofSeconds(3));
    }

    /** The speak URL with model and telephony output format. */
    String speakUrl() {
        return url + "?model=" + java.net.URLEncoder.encode(model, java.nio.charset.StandardCharsets.UTF_8)
                + "&encoding=mulaw&sample_rate=8000";
    }

    @Override
    public String toString() {
        return "AuraConfig[url=" + url + ", apiKey=" + Secrets.mask(apiKey) + ", model=" + model + "]";
    }
}
