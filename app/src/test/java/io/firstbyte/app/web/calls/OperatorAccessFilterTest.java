package io.firstbyte.app.web.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.config.OperatorProperties;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class OperatorAccessFilterTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 50000);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("203.0.113.7", 50000);

    private final AtomicBoolean passed = new AtomicBoolean();
    private final WebFilterChain chain = exchange -> {
        passed.set(true);
        return Mono.empty();
    };

    private MockServerWebExchange run(OperatorProperties operator, MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        new OperatorAccessFilter(operator).filter(exchange, chain).block();
        return exchange;
    }

    @Test
    void withoutATokenOnlyThisMachineReachesCallControl() {
        OperatorProperties none = new OperatorProperties("");
        run(none, MockServerHttpRequest.get("/calls/CA1/trace").remoteAddress(LOCAL).build());
        assertThat(passed).isTrue();

        passed.set(false);
        MockServerWebExchange remote = run(none, MockServerHttpRequest.post("/calls/CA1/hangup").remoteAddress(REMOTE).build());
        assertThat(passed).isFalse();
        assertThat(remote.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(remote.getResponse().getBodyAsString().block()).contains("OPERATOR_TOKEN");
    }

    @Test
    void withATokenEveryClientNeedsTheBearerTokenEvenOnThisMachine() {
        OperatorProperties token = new OperatorProperties("s3cret-operator");
        MockServerWebExchange missing = run(token, MockServerHttpRequest.get("/calls").remoteAddress(LOCAL).build());
        assertThat(passed).isFalse();
        assertThat(missing.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        MockServerWebExchange wrong = run(token, MockServerHttpRequest.get("/calls/CA1/trace").remoteAddress(REMOTE)
                .header("Authorization", "Bearer s3cret-operatoR").build());
        assertThat(passed).isFalse();
        assertThat(wrong.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        run(token, MockServerHttpRequest.get("/calls/CA1/trace").remoteAddress(REMOTE)
                .header("Authorization", "Bearer s3cret-operator").build());
        assertThat(passed).isTrue();
    }

    @Test
    void otherRoutesAreNotItsBusiness() {
        run(new OperatorProperties("s3cret-operator"), MockServerHttpRequest.get("/callsign").remoteAddress(REMOTE).build());
        assertThat(passed).isTrue();
        passed.set(false);
        run(new OperatorProperties("s3cret-operator"), MockServerHttpRequest.get("/api/tools").remoteAddress(REMOTE).build());
        assertThat(passed).isTrue();
    }

    @Test
    void theTokenNeverAppearsInTheConfigurationsText() {
        assertThat(new OperatorProperties("s3cret-operator").toString()).doesNotContain("s3cret");
    }
}
