package io.firstbyte.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A body over the configured limit gets 413 with a one-line JSON error on every route that reads
 * one, over the network: never a 500, never the 503 that means the booking system is down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "firstbyte.providers.simulated.profile=fast")
class OversizedBodiesIT {

    /** Over the 256 KB default, in bytes that are valid for each content type. */
    private static final int OVERSIZED = 300 * 1024;

    @LocalServerPort
    int port;

    static Stream<Arguments> routes() {
        String json = "{\"padding\":\"" + "a".repeat(OVERSIZED) + "\"}";
        String form = "From=%2B15550001111&To=%2B15550100100&CallSid=CA1&padding=" + "a".repeat(OVERSIZED);
        return Stream.of(
                Arguments.of("/api/bookings", MediaType.APPLICATION_JSON, json),
                Arguments.of("/api/bookings/00000000-0000-0000-0000-000000000000/reschedule", MediaType.APPLICATION_JSON, json),
                Arguments.of("/tools/vapi", MediaType.APPLICATION_JSON, json),
                Arguments.of("/tools/retell", MediaType.APPLICATION_JSON, json),
                Arguments.of("/tools/retell/check_availability?to=%2B15550100100", MediaType.APPLICATION_JSON, json),
                Arguments.of("/twilio/voice", MediaType.APPLICATION_FORM_URLENCODED, form),
                Arguments.of("/audiosocket/calls", MediaType.APPLICATION_FORM_URLENCODED, "uuid=" + java.util.UUID.randomUUID() + "&padding=" + "a".repeat(OVERSIZED)),
                Arguments.of("/audiosocket/calls", MediaType.APPLICATION_JSON, json));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("routes")
    void anOversizedBodyGets413WithAOneLineJsonError(String pathAndQuery, MediaType type, String body) {
        EntityExchangeResult<String> result = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .post().uri(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Authorization", "Bearer demo-salon-key")
                .contentType(type)
                .bodyValue(body)
                .exchange()
                .expectBody(String.class).returnResult();

        assertThat(result.getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(result.getResponseBody()).matches("\\{\"error\":\"[^\"\\n]+\"}");
    }
}
