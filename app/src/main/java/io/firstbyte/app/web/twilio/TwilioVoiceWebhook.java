package io.firstbyte.app.web.twilio;

import io.firstbyte.adapters.telephony.twilio.TwiML;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.pipeline.call.CallContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /twilio/voice}: Twilio asks what to do with an incoming call; the answer is TwiML
 * that connects the call's audio to {@code /twilio/media} on this server, passing the caller's
 * and dialled numbers and a single-use call token as stream parameters, and asks Twilio to come
 * back to {@link TwilioAfterStream} when the stream ends (to hand the caller over, or hang up).
 */
@RestController
public class TwilioVoiceWebhook {

    private static final Logger log = LoggerFactory.getLogger(TwilioVoiceWebhook.class);

    private final TelephonyProperties telephony;
    private final CallTokens tokens;
    private final SignedWebhook signed;

    public TwilioVoiceWebhook(TelephonyProperties telephony, CallTokens tokens) {
        this.telephony = telephony;
        this.tokens = tokens;
        this.signed = new SignedWebhook(telephony);
    }

    @PostMapping(path = "/twilio/voice", produces = MediaType.TEXT_XML_VALUE)
    public Mono<ResponseEntity<String>> voice(ServerWebExchange exchange) {
        return signed.form(exchange, "voice webhook", log).map(form -> form.map(this::answer).orElseGet(SignedWebhook::refused));
    }

    private ResponseEntity<String> answer(MultiValueMap<String, String> form) {
        String from = form.getFirst("From");
        String to = form.getFirst("To");
        String callSid = form.getFirst("CallSid");
        log.info("incoming call {} from {} to {}", callSid, CallContext.mask(from), to);
        TwiML twiml = TwiML.connectStream(telephony.twilioMediaUrl())
                .action(telephony.publicUrlOf(TwilioAfterStream.PATH, null))
                .parameter("From", from == null ? "" : from)
                .parameter("To", to == null ? "" : to)
                .parameter("token", tokens.issue(new SignedCall(callSid, from, to)));
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(twiml.toXml());
    }
}
