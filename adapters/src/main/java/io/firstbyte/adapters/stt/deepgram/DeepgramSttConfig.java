package io.firstbyte.adapters.stt.deepgram;

import io.firstbyte.adapters.http.Secrets;
import io.firstbyte.pipeline.audio.VadSettings;
import java.time.Duration;
import java.util.Map;

/**
 * One Deepgram live-listen setup. {@code url} is {@code wss://api.deepgram.com/v1/listen} in
 * production. Transcription options become query parameters ({@code endpointingMillis} below 0
 * sends {@code endpointing=false}; {@code utteranceEndMillis} 0 leaves it out; {@code extraParams}
 * adds any other, e.g. {@code keyterm}). Audio is always mu-law 8 kHz mono, passed through.
 *
 * <p>Session behaviour: a {@code KeepAlive} goes out when no audio was sent for
 * {@code keepAliveAfter}; with {@code finalizeOnSilence}, a local VAD ({@code vad}) sends
 * {@code Finalize} when the caller stops speaking, so the final transcript does not wait for
 * Deepgram's own endpointing; after a mid-call drop the session reconnects once, holding up to
 * {@code reconnectBufferFrames} 20 ms frames of caller audio meanwhile; at hang-up it sends
 * {@code CloseStream} and waits up to {@code closeTimeout} for the last results.
 * The key never appears in {@link #toString()}.
 */
public record DeepgramSttConfig(String url, String apiKey, String model, String language, boolean interimResults,
                                int endpointingMillis, int utteranceEndMillis, boolean vadEvents, boolean smartFormat,
                                boolean punctuate, Map<String, String> extraParams, Duration keepAliveAfter,
                                int reconnectBufferFrames, boolean finalizeOnSilence, VadSettings vad,
                                Duration connectTimeout, Duration closeTimeout) {

    public static final String PRODUCTION_URL = "wss://api.deepgram.com/v1/listen";

    public DeepgramSttConfig {
        extraParams = Map.copyOf(extraParams);
        if (reconnectBufferFrames < 1 || keepAliveAfter.isZero() || keepAliveAfter.isNegative()) {
            throw new IllegalArgumentException("reconnect buffer and keep-alive interval must be positive");
        }
    }

    /** Nova-3, English, interim results, 300 ms endpointing, 1 s utterance end, VAD events, 5 s reconnect buffer. */
    public static DeepgramSttConfig of(String url, String apiKey) {
        return new DeepgramSttConfig(url, apiKey, "nova-3", "en-US", true, 300, 1000, true, true, true, Map.of(),
                Duration.ofSeconds(4), 250, true, VadSettings.DEFAULTS, Duration.ofSeconds(3), Duration.ofSeconds(2));
    }

    public DeepgramSttConfig withKeepAliveAfter(Duration keepAliveAfter) {
        return new DeepgramSttConfig(url, apiKey, model, language, interimResults, endpointingMillis, utteranceEndMillis,
                vadEvents, smartFormat, punctuate, extraParams, keepAliveAfter, reconnectBufferFrames, finalizeOnSilence, vad,
                connectTimeout, closeTimeout);
    }

    public DeepgramSttConfig withReconnectBufferFrames(int frames) {
        return new DeepgramSttConfig(url, apiKey, model, language, interimResults, endpointingMillis, utteranceEndMillis,
                vadEvents, smartFormat, punctuate, extraParams, keepAliveAfter, frames, finalizeOnSilence, vad,
                connectTimeout, closeTimeout);
    }

    public DeepgramSttConfig withConnectTimeout(Duration timeout) {
        return new DeepgramSttConfig(url, apiKey, model, language, interimResults, endpointingMillis, utteranceEndMillis,
                vadEvents, smartFormat, punctuate, extraParams, keepAliveAfter, reconnectBufferFrames, finalizeOnSilence, vad,
                timeout, closeTimeout);
    }

    public DeepgramSttConfig withFinalizeOnSilence(boolean finalize) {
        return new DeepgramSttConfig(url, apiKey, model, language, interimResults, endpointingMillis, utteranceEndMillis,
                vadEvents, smartFormat, punctuate, extraParams, keepAliveAfter, reconnectBufferFrames, finalize, vad,
                connectTimeout, closeTimeout);
    }

    @Override
    public String toString() {
        return "DeepgramSttConfig[url=" + url + ", apiKey=" + Secrets.mask(apiKey) + ", model=" + model + ", language="
                + language + ", endpointing=" + endpointingMillis + ", utteranceEnd=" + utteranceEndMillis + "]";
    }
}
