package io.firstbyte.app.web.twilio;

import io.firstbyte.adapters.telephony.twilio.TwiML;
import io.firstbyte.app.capacity.CallAdmission;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.pipeline.call.CallContext;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * and dialled numbers and a single-use call token as stream parameters, and asks Twilio to come
 * back to {@link TwilioAfterStream} when the stream ends (to hand the caller over, or hang up).
 *
 * <p>While this instance takes no new call (draining, or at its cap) the answer sends the webhook
 * once more to {@code PUBLIC_URL} ({@code <Redirect>}, marked so it is not sent a third time):
 * behind a load balancer that is another instance, which is ready. A refused redirect, or a
 * single instance, tells the caller politely and hangs up.
 */
@RestController
public class TwilioVoiceWebhook {

    private static final Logger log = LoggerFactory.getLogger(TwilioVoiceWebhook.class);

    /** The query parameter that marks a webhook this server already redirected once. */
    static final String REDIRECTED = "firstbyte_redirected";
    static final String BUSY = "Sorry, all our lines are busy right now. Please call again in a few minutes.";
    static final String RESTARTING = "Sorry, we can't take your call at this moment. Please call again in a minute.";

    private final TelephonyProperties telephony;
    private final CallTokens tokens;
    private final CallAdmission admission;
    private final SignedWebhook signed;

    public TwilioVoiceWebhook(TelephonyProperties telephony, CallTokens tokens, CallAdmission admission) {
        this.telephony = telephony;
        this.tokens = tokens;
        this.admission = admission;
        this.signed = new SignedWebhook(telephony);
    }

    @PostMapping(path = "/twilio/voice", produces = MediaType.TEXT_XML_VALUE)
    public Mono<ResponseEntity<String>> voice(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        String query = request.getURI().getRawQuery();
        return signed.form(exchange, "voice webhook", log)
                .map(form -> form.map(fields -> answer(fields, path, query)).orElseGet(SignedWebhook::refused));
    }

    private ResponseEntity<String> answer(MultiValueMap<String, String> form, String path, @Nullable String query) {
        String from = form.getFirst("From");
        String to = form.getFirst("To");
        String callSid = form.getFirst("CallSid");
        Optional<CallAdmission.Refusal> refusal = admission.refusal();
        if (refusal.isPresent()) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(refuse(refusal.get(), callSid, path, query));
        }
        log.info("incoming call {} from {} to {}", callSid, CallContext.mask(from), to);
        TwiML twiml = TwiML.connectStream(telephony.twilioMediaUrl())
                .action(telephony.publicUrlOf(TwilioAfterStream.PATH, null))
                .parameter("From", from == null ? "" : from)
                .parameter("To", to == null ? "" : to)
                .parameter("token", tokens.issue(new SignedCall(callSid, from, to)));
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(twiml.toXml());
    }

    private String refuse(CallAdmission.Refusal refusal, @Nullable String callSid, String path, @Nullable String query) {
        admission.refused(refusal);
        if (query == null || !query.contains(REDIRECTED + "=")) {
            log.info("incoming call {} redirected to {}: this instance {}", callSid, telephony.publicUrlOf(path, null),
                    refusal == CallAdmission.Refusal.DRAIN ? "is draining" : "is at its call cap");
            return TwiML.redirect(telephony.publicUrlOf(path, (query == null ? "" : query + "&") + REDIRECTED + "=1"));
        }
        log.info("incoming call {} refused: this instance {}", callSid,
                refusal == CallAdmission.Refusal.DRAIN ? "is draining" : "is at its call cap");
        return TwiML.sayThenHangUp(refusal == CallAdmission.Refusal.DRAIN ? RESTARTING : BUSY);
    }
}
