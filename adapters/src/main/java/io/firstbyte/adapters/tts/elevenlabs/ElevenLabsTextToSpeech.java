package io.firstbyte.adapters.tts.elevenlabs;

import io.firstbyte.adapters.http.ProviderHttp;
import io.firstbyte.adapters.http.WebSocketLink;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import java.util.concurrent.atomic.AtomicLong;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ElevenLabs streaming speech over stream-input ({@code /v1/text-to-speech/{voice}/stream-input}),
 * asking for {@code ulaw_8000} so audio goes to the caller without resampling.
 *
 * <p>The protocol's socket is single-use (BOS, text, EOS, {@code isFinal}, closed), so each answer
 * has its own socket. To keep the handshake off the turn's critical path the session always holds
 * the next socket open with BOS already sent: one is opened at call start, and a new one as soon as
 * an answer ends. The trade-off: a call holds one idle socket between answers (counted by
 * ElevenLabs against nothing but its inactivity timeout; it is replaced before that expires), and
 * an answer that follows right on another may still pay a handshake. The multi-context endpoint
 * ({@code multi-stream-input}) would allow one socket per call; it is not used here.
 *
 * <p>Each clause is sent with {@code flush:true}; audio is matched to clauses by the characters its
 * alignment lists. Barge-in closes the answer's socket; whatever it still sends is dropped. An error
 * message or an early close fails the answer with a classified {@code ProviderException}.
 */
public final class ElevenLabsTextToSpeech implements TextToSpeech {

    private final ElevenLabsConfig config;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final String beginning;

    public ElevenLabsTextToSpeech(ElevenLabsConfig config) {
        this.config = config;
        this.client = ProviderHttp.socketClient(config.connectTimeout());
        ObjectNode bos = json.createObjectNode().put("text", " ");
        bos.putObject("voice_settings").put("stability", config.stability()).put("similarity_boost", config.similarityBoost());
        this.beginning = json.writeValueAsString(bos);
    }

    @Override
    public TtsSession open(CallContext call) {
        AtomicLong late = new AtomicLong();
        return new ElevenLabsSession(openedAt -> new ElevenLabsStream(json, beginning, openedAt, late,
                listener -> WebSocketLink.connect(client, config.streamUrl(), headers -> headers.set("xi-api-key", config.apiKey()),
                        ElevenLabsStream.PROVIDER, listener)),
                System::nanoTime, config.spareMaxAge(), late);
    }

    public ElevenLabsConfig config() {
        return config;
    }
}
