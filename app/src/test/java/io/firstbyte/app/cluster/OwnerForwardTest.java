package io.firstbyte.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A forwarded call-control request reaches its owner as an operator's would, marked, and the owner's answer comes back. */
class OwnerForwardTest {

    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final DisposableServer owner = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes
                    .post("/calls/{id}/hangup", (request, response) -> {
                        seen.put("path", request.uri());
                        seen.put("authorization", String.valueOf(request.requestHeaders().get("Authorization")));
                        seen.put("forwardedBy", String.valueOf(request.requestHeaders().get(OwnerForward.FORWARDED_BY)));
                        return response.status(204).send();
                    })
                    .get("/calls/{id}/trace", (request, response) -> response.status(200)
                            .header("Content-Type", "application/json").sendString(Mono.just("{\"turns\":[]}"))))
            .bindNow();

    @AfterEach
    void stop() {
        owner.disposeNow();
    }

    @Test
    void theOwnerGetsTheOperatorTokenAndTheForwardMarkAndTheCallIdEncoded() {
        OwnerForward forward = new OwnerForward(new ThisInstance("a-1"), "operator-secret");

        ResponseEntity<String> answer = forward.forward(ownerAt(owner.port()), HttpMethod.POST, "/calls/{id}/hangup", "CA 1/2")
                .block(Duration.ofSeconds(10));

        assertThat(answer.getStatusCode().value()).isEqualTo(204);
        assertThat(seen).containsEntry("path", "/calls/CA%201%2F2/hangup")
                .containsEntry("authorization", "Bearer operator-secret")
                .containsEntry("forwardedBy", "a-1");
    }

    @Test
    void withoutATokenNoneIsSentAndTheOwnersBodyComesBack() {
        OwnerForward forward = new OwnerForward(new ThisInstance("a-1"), "");

        ResponseEntity<String> answer = forward.forward(ownerAt(owner.port()), HttpMethod.GET, "/calls/{id}/trace", "CA1")
                .block(Duration.ofSeconds(10));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).isEqualTo("{\"turns\":[]}");
    }

    @Test
    void anOwnerThatDoesNotAnswerIsABadGateway() {
        OwnerForward forward = new OwnerForward(new ThisInstance("a-1"), "");
        int closed = owner.port();
        owner.disposeNow();

        ResponseEntity<String> answer = forward.forward(ownerAt(closed), HttpMethod.POST, "/calls/{id}/hangup", "CA1")
                .block(Duration.ofSeconds(10));

        assertThat(answer.getStatusCode().value()).isEqualTo(502);
        assertThat(answer.getBody()).contains("did not answer");
    }

    private static ClusterCalls.Owner ownerAt(int port) {
        return new ClusterCalls.Owner("b-1", "http://127.0.0.1:" + port);
    }
}
