package io.firstbyte.app.web.twilio;

import io.firstbyte.adapters.telephony.twilio.TwiML;
import io.firstbyte.adapters.telephony.twilio.TwilioSignature;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.pipeline.call.CallContext;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /twilio/voice}: Twilio asks what to do with an incoming call; the answer is TwiML
 * that connects the call's audio to {@code /twilio/media} on this server, passing the caller's
 * and dialled numbers and a single-use call token as stream parameters.
 */
@RestController
public class TwilioVoiceWebhook {

    private static final Logger log = LoggerFactory.getLogger(TwilioVoiceWebhook.class);

    private final TelephonyProperties telephony;
    private final CallTokens tokens;

    public TwilioVoiceWebhook(TelephonyProperties telephony, CallTokens tokens) {
        this.telephony = telephony;
        this.tokens = tokens;
    }

    @PostMapping(path = "/twilio/voice", produces = MediaType.TEXT_XML_VALUE)
    public Mono<ResponseEntity<String>> voice(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String signedUrl = telephony.publicUrlOf(request.getPath().pathWithinApplication().value(), request.getURI().getRawQuery());
        return exchange.getFormData().map(form -> answer(form, signedUrl, request.getHeaders().getFirst("X-Twilio-Signature")));
    }

    private ResponseEntity<String> answer(MultiValueMap<String, String> form, String signedUrl, @Nullable String signature) {
        if (telephony.signaturesRequired() && !validSignature(form, signedUrl, signature)) {
            log.warn("voice webhook refused: its X-Twilio-Signature is not over {} (the webhook URL set in Twilio must be "
                    + "PUBLIC_URL followed by this path and query)", signedUrl);
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("invalid signature");
        }
        String from = form.getFirst("From");
        String to = form.getFirst("To");
        String callSid = form.getFirst("CallSid");
        log.info("incoming call {} from {} to {}", callSid, CallContext.mask(from), to);
        TwiML twiml = TwiML.connectStream(telephony.twilioMediaUrl())
                .parameter("From", from == null ? "" : from)
                .parameter("To", to == null ? "" : to)
                .parameter("token", tokens.issue(new SignedCall(callSid, from, to)));
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(twiml.toXml());
    }

    private boolean validSignature(MultiValueMap<String, String> form, String signedUrl, @Nullable String signature) {
        return new TwilioSignature(telephony.twilioAuthToken()).isValidWebhook(signedUrl, Map.copyOf(form), signature);
    }
}
