package io.firstbyte.app.web.twilio;

import io.firstbyte.adapters.telephony.twilio.TwiML;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.app.handover.PendingTransfers;
import io.firstbyte.pipeline.call.CallContext;
import java.util.Optional;
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
 * {@code POST /twilio/after-stream}, the action URL of the voice webhook's {@code <Connect>}: when the
 * server has closed a call's stream, Twilio asks here what to do next (signed like the voice webhook,
 * and checked the same way). A call being handed over ({@link PendingTransfers}, on any instance) gets
 * {@code <Dial>} with the business's number; any other call {@code <Hangup/>}.
 */
@RestController
public class TwilioAfterStream {

    public static final String PATH = "/twilio/after-stream";
    private static final Logger log = LoggerFactory.getLogger(TwilioAfterStream.class);

    private final PendingTransfers transfers;
    private final SignedWebhook signed;

    public TwilioAfterStream(TelephonyProperties telephony, PendingTransfers transfers) {
        this.transfers = transfers;
        this.signed = new SignedWebhook(telephony);
    }

    @PostMapping(path = PATH, produces = MediaType.TEXT_XML_VALUE)
    public Mono<ResponseEntity<String>> afterStream(ServerWebExchange exchange) {
        return signed.form(exchange, "stream action request", log).flatMap(form -> form.map(this::answer)
                .orElseGet(() -> Mono.just(SignedWebhook.refused())));
    }

    private Mono<ResponseEntity<String>> answer(MultiValueMap<String, String> form) {
        String callSid = form.getFirst("CallSid");
        Mono<Optional<String>> transfer = callSid == null || callSid.isEmpty() ? Mono.just(Optional.empty()) : transfers.find(callSid);
        return transfer.map(number -> {
            log.info("call {} after its stream: {}", callSid, number.map(to -> "dialling " + CallContext.mask(to)).orElse("hanging up"));
            return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(number.map(TwiML::dial).orElseGet(TwiML::hangup));
        });
    }
}
