package io.firstbyte.adapters.http;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;

/**
 * Builds the HTTP clients provider adapters share. Request/response providers get a keep-alive
 * pool (idle connections are evicted before the provider's own idle timeout would close them
 * under us), so a turn reuses a connection instead of paying DNS and TLS on its critical path.
 * WebSocket clients use a fresh connection each: those sockets live for a whole call.
 */
public final class ProviderHttp {

    /** Largest message we accept from a provider socket (a long base64 audio chunk fits easily). */
    public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;

    private ProviderHttp() {
    }

    /** A keep-alive pool for one provider. */
    public static ConnectionProvider pool(String name, int maxConnections, Duration maxIdle) {
        return ConnectionProvider.builder("firstbyte-" + name)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(maxConnections * 4)
                .maxIdleTime(maxIdle)
                .evictInBackground(maxIdle)
                .lifo()
                .build();
    }

    /** A pooled request/response client. {@code readTimeout} bounds every gap between reads of a response. */
    public static HttpClient pooledClient(ConnectionProvider pool, Duration connectTimeout, Duration readTimeout) {
        return HttpClient.create(pool)
                .keepAlive(true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .responseTimeout(readTimeout);
    }

    /** A client for long-lived WebSockets. */
    public static HttpClient socketClient(Duration connectTimeout) {
        return HttpClient.newConnection()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
    }

    public static WebsocketClientSpec socketSpec() {
        return WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME_BYTES).build();
    }
}
