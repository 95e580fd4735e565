package io.firstbyte.adapters.tts.deepgram;

import io.firstbyte.adapters.http.ProviderHttp;
import io.firstbyte.adapters.http.WebSocketLink;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Deepgram Aura streaming speech over its WebSocket ({@code /v1/speak}). Each call opens one socket
 * when it starts and keeps it for all its answers (reopening it for the next answer if it closed).
 * Each clause goes out as {@code Speak} then {@code Flush}; the raw mu-law 8 kHz audio that follows
 * belongs to the oldest clause not yet {@code Flushed}, and {@code Flushed} marks its last chunk.
 *
 * <p>Barge-in sends {@code Clear}; audio still arriving until {@code Cleared} is dropped, so none of
 * the interrupted answer reaches the caller. A close frame with an error code fails the answer with
 * a classified {@code ProviderException}. Hang-up sends {@code Close}. Note Aura's limit of 20
 * flushes per 60 s: with one flush per clause, long rapid answers may earn a {@code Warning} (logged).
 */
public final class AuraTextToSpeech implements TextToSpeech {

    private final AuraConfig config;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    public AuraTextToSpeech(AuraConfig config) {
        this.config = config;
        this.client = ProviderHttp.socketClient(config.connectTimeout());
    }

    @Override
    public TtsSession open(CallContext call) {
        return new AuraSession(call, json, listener -> WebSocketLink.connect(client, config.speakUrl(),
                headers -> headers.set(HttpHeaderNames.AUTHORIZATION, "Token " + config.apiKey()), AuraSession.PROVIDER, listener));
    }

    public AuraConfig config() {
        return config;
    }
}
