package io.firstbyte.app.webhooks;

import io.firstbyte.adapters.http.ProviderHttp;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Webhook POSTs over reactor-netty, the client the provider adapters use: non-blocking on the shared
 * event loops, a small keep-alive pool of its own, a connect and a response timeout, and no redirects
 * followed (a signed body goes only where the business said).
 */
public final class NettyWebhookClient implements WebhookClient, AutoCloseable {

    private static final String USER_AGENT = "Firstbyte-Webhooks/1";

    private final ConnectionProvider pool;
    private final HttpClient http;

    public NettyWebhookClient(Duration connectTimeout, Duration responseTimeout) {
        this.pool = ProviderHttp.pool("webhooks", 64, Duration.ofSeconds(30));
        this.http = ProviderHttp.pooledClient(pool, connectTimeout, responseTimeout).followRedirect(false);
    }

    @Override
    public Mono<Integer> post(String url, Map<String, String> headers, byte[] body) {
        return http.headers(out -> {
                    out.set("User-Agent", USER_AGENT).set("Content-Type", "application/json");
                    headers.forEach(out::set);
                })
                .post()
                .uri(url)
                .send(ByteBufFlux.fromInbound(Mono.just(body)))
                .response((response, content) -> content.then(Mono.just(response.status().code())))
                .next();
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
