package io.firstbyte.app.web.twilio;

import io.firstbyte.adapters.telephony.twilio.TwilioSignature;
import io.firstbyte.app.config.TelephonyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a {@code /twilio/media} WebSocket upgrade whose {@code X-Twilio-Signature} does not
 * match the configured public media URL, with 403 before any call state exists.
 */
public final class TwilioUpgradeSignatureFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(TwilioUpgradeSignatureFilter.class);

    private final TelephonyProperties telephony;

    public TwilioUpgradeSignatureFilter(TelephonyProperties telephony) {
        this.telephony = telephony;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!telephony.signaturesRequired() || !"/twilio/media".equals(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        String signature = exchange.getRequest().getHeaders().getFirst("X-Twilio-Signature");
        if (new TwilioSignature(telephony.twilioAuthToken()).isValidUpgrade(telephony.twilioMediaUrl(), signature)) {
            return chain.filter(exchange);
        }
        log.warn("media upgrade with an invalid X-Twilio-Signature refused");
        exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
        return exchange.getResponse().setComplete();
    }
}
