package io.firstbyte.adapters.tts.cartesia;

import io.firstbyte.adapters.http.ProviderHttp;
import io.firstbyte.adapters.http.WebSocketLink;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Cartesia streaming speech over its WebSocket ({@code /tts/websocket}). Each call opens one socket
 * when it starts (warm for the first answer) and keeps it for all its answers, reconnecting on the
 * next answer if it closed. Each answer is one context, so its clauses share prosody: every clause
 * goes out with {@code continue:true} and a flush, the end of the answer with {@code continue:false}.
 *
 * <p>Guarantees: audio is raw mu-law 8 kHz (no resampling), tagged with its clause by the flush id
 * Cartesia puts on it; {@code flush_done} marks a clause's last chunk. Cancelling an answer
 * (barge-in) sends {@code cancel} for its context, and audio still arriving for it is dropped.
 * An {@code error} message or a closed socket fails the answer with a classified
 * {@code ProviderException}. Cost: one socket per call; nothing blocks.
 */
public final class CartesiaTextToSpeech implements TextToSpeech {

    private final CartesiaConfig config;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final CartesiaRequests requests;

    public CartesiaTextToSpeech(CartesiaConfig config) {
        this.config = config;
        this.client = ProviderHttp.socketClient(config.connectTimeout());
        this.requests = new CartesiaRequests(json, config);
    }

    @Override
    public TtsSession open(CallContext call) {
        return new CartesiaSession(call, json, requests, listener -> WebSocketLink.connect(client, config.url(),
                headers -> headers.set("X-API-Key", config.apiKey()).set("Cartesia-Version", config.version()),
                CartesiaSession.PROVIDER, listener));
    }

    public CartesiaConfig config() {
        return config;
    }
}
