package io.firstbyte.app.web.audiosocket;

import io.firstbyte.adapters.telephony.asterisk.audiosocket.AudioSocketCallDirectory;
import io.firstbyte.app.config.GatewaySecrets;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.app.security.HttpCredentials;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /audiosocket/calls}: before {@code AudioSocket(<uuid>,host:port)}, the dial plan
 * registers the call's numbers (and any other parameter, such as a {@code tenant}) under the UUID
 * it chose, as a form ({@code CURL(url,uuid=…&from=…&to=…)}) or a JSON object. Answers {@code 204};
 * {@code 400} without a valid {@code uuid}; {@code 401} when Asterisk credentials are configured
 * and the request does not carry them as HTTP Basic. The registration waits for its connection for
 * a limited time and is used once.
 */
@RestController
public class AudioSocketCalls {

    private static final int MAX_PARAMETERS = 32;
    private static final int MAX_VALUE_CHARS = 512;

    private final AudioSocketCallDirectory directory;
    private final Predicate<HttpHeaders> authorized;

    public AudioSocketCalls(AudioSocketCallDirectory directory, TelephonyProperties telephony) {
        this.directory = directory;
        GatewaySecrets secrets = telephony.gateways();
        this.authorized = secrets.asteriskPassword().isEmpty()
                ? headers -> true
                : HttpCredentials.basic(secrets.asteriskUsername(), secrets.asteriskPassword());
    }

    @PostMapping(path = "/audiosocket/calls", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public Mono<ResponseEntity<Map<String, String>>> registerForm(ServerWebExchange exchange) {
        if (!authorized.test(exchange.getRequest().getHeaders())) {
            return Mono.just(ResponseEntity.status(HttpStatus.UNAUTHORIZED).build());
        }
        return exchange.getFormData().map(form -> register(firstValues(form)));
    }

    @PostMapping(path = "/audiosocket/calls", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> registerJson(@RequestHeader HttpHeaders headers,
                                                            @RequestBody Map<String, Object> body) {
        if (!authorized.test(headers)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        Map<String, String> values = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            if (value instanceof String || value instanceof Number) {
                values.put(name, value.toString());
            }
        });
        return register(values);
    }

    private ResponseEntity<Map<String, String>> register(Map<String, String> values) {
        String uuid = values.remove("uuid");
        UUID call;
        try {
            call = UUID.fromString(uuid == null ? "" : uuid.strip());
        } catch (IllegalArgumentException notUuid) {
            return ResponseEntity.badRequest().body(Map.of("error", "uuid must be a UUID"));
        }
        if (values.size() > MAX_PARAMETERS || values.values().stream().anyMatch(value -> value.length() > MAX_VALUE_CHARS)) {
            return ResponseEntity.badRequest().body(Map.of("error", "too many or too long parameters"));
        }
        directory.register(call, values);
        return ResponseEntity.noContent().build();
    }

    private static Map<String, String> firstValues(MultiValueMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, list) -> {
            if (!list.isEmpty()) {
                values.put(name, list.getFirst());
            }
        });
        return values;
    }
}
