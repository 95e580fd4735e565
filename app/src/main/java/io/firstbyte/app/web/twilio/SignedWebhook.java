package io.firstbyte.app.web.twilio;

import io.firstbyte.adapters.telephony.twilio.TwilioSignature;
import io.firstbyte.app.config.TelephonyProperties;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The one check of every request Twilio sends this server (the voice webhook, {@code <Connect>}'s action
 * URL): its {@code X-Twilio-Signature} must be over {@code PUBLIC_URL} followed by the request's raw path
 * and query, and its form. With no auth token configured, every request passes.
 */
final class SignedWebhook {

    private final TelephonyProperties telephony;

    SignedWebhook(TelephonyProperties telephony) {
        this.telephony = telephony;
    }

    /** The request's form when Twilio signed it; empty (and a warning on {@code log}) when it did not. */
    Mono<Optional<MultiValueMap<String, String>>> form(ServerWebExchange exchange, String what, Logger log) {
        ServerHttpRequest request = exchange.getRequest();
        String signedUrl = telephony.publicUrlOf(request.getPath().pathWithinApplication().value(), request.getURI().getRawQuery());
        String signature = request.getHeaders().getFirst("X-Twilio-Signature");
        return exchange.getFormData().map(form -> {
            if (telephony.signaturesRequired()
                    && !new TwilioSignature(telephony.twilioAuthToken()).isValidWebhook(signedUrl, Map.copyOf(form), signature)) {
                log.warn("{} refused: its X-Twilio-Signature is not over {} (the URL set in Twilio must be "
                        + "PUBLIC_URL followed by this path and query)", what, signedUrl);
                return Optional.empty();
            }
            return Optional.of(form);
        });
    }

    static ResponseEntity<String> refused() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("invalid signature");
    }
}
