package io.firstbyte.adapters.stt.deepgram;

import io.firstbyte.adapters.http.ProviderHttp;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.stt.SpeechToText;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Deepgram live speech-to-text over its WebSocket ({@code /v1/listen}), spoken directly (the SDK
 * is not used). Subscribing opens the socket (at call start, so it is warm when the caller speaks);
 * the caller's mu-law 8 kHz frames go out untouched as binary messages; cancelling, or the end of
 * the audio, sends {@code CloseStream} and closes it.
 *
 * <p>Guarantees: {@code Results} become interim and final transcripts, {@code speech_final} and
 * {@code UtteranceEnd} become end of speech, {@code SpeechStarted} becomes speech started on the
 * caller-audio clock. {@code KeepAlive} keeps the socket open when audio pauses; {@code Finalize}
 * follows local silence (configurable). If the socket drops mid-call the session reconnects once,
 * buffering caller audio (bounded) meanwhile, and reports it to the {@link DeepgramSttListener};
 * a second failure, or a refused handshake, ends the flux with a classified {@code ProviderException}.
 * Malformed messages are skipped and counted, never fatal.
 *
 * <p>Cost: one socket per call, one heap copy per received message; nothing blocks.
 */
public final class DeepgramSpeechToText implements SpeechToText {

    private final DeepgramSttConfig config;
    private final Scheduler scheduler;
    private final DeepgramSttListener listener;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    public DeepgramSpeechToText(DeepgramSttConfig config) {
        this(config, Schedulers.parallel(), DeepgramSttListener.NONE);
    }

    /** {@code scheduler} times keep-alives and the close grace. */
    public DeepgramSpeechToText(DeepgramSttConfig config, Scheduler scheduler, DeepgramSttListener listener) {
        this.config = config;
        this.scheduler = scheduler;
        this.listener = listener;
        this.client = ProviderHttp.socketClient(config.connectTimeout())
                .headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, "Token " + config.apiKey()));
    }

    @Override
    public Flux<SpeechEvent> transcribe(CallContext call, Flux<AudioIn> audio) {
        return Flux.defer(() -> new ListenSession(config, call, scheduler, listener, client, json).run(audio));
    }

    public DeepgramSttConfig config() {
        return config;
    }
}
