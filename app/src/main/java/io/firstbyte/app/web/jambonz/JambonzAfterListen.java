package io.firstbyte.app.web.jambonz;

import io.firstbyte.adapters.telephony.jambonz.JambonzActionHook;
import io.firstbyte.adapters.telephony.jambonz.JambonzSignature;
import io.firstbyte.app.config.GatewaySecrets;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.app.handover.PendingTransfers;
import io.firstbyte.app.security.HttpCredentials;
import io.firstbyte.pipeline.call.CallContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /jambonz/after-listen}, the {@code actionHook} of the jambonz {@code listen} verb: when the
 * server has ended a call's listen ({@code disconnect}), jambonz asks here what to do next. A call being
 * handed over ({@link PendingTransfers}, recorded by whichever instance held the call) gets a {@code dial}
 * of the business's number; any other call a {@code hangup}. Answering only reads, so jambonz retrying
 * the hook gets the same answer and nothing happens twice.
 *
 * <p>Who may ask: with {@code JAMBONZ_WEBHOOK_SECRET}, only a request carrying a valid
 * {@code Jambonz-Signature}; else, with {@code JAMBONZ_WS_PASSWORD}, HTTP Basic with the listen's
 * {@code wsAuth} credentials (the hook's {@code username}/{@code password}); else anyone (development).
 */
@RestController
public class JambonzAfterListen {

    public static final String PATH = "/jambonz/after-listen";
    private static final Logger log = LoggerFactory.getLogger(JambonzAfterListen.class);

    private final PendingTransfers transfers;
    private final BiPredicate<byte[], HttpHeaders> authentic;

    public JambonzAfterListen(TelephonyProperties telephony, PendingTransfers transfers, ObjectProvider<Clock> clocks) {
        this.transfers = transfers;
        this.authentic = check(telephony.gateways(), clocks.getIfUnique(Clock::systemUTC));
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<String>> afterListen(@RequestBody(required = false) byte @Nullable [] body,
                                                    @RequestHeader HttpHeaders headers) {
        byte[] request = body == null ? new byte[0] : body;
        if (!authentic.test(request, headers)) {
            log.warn("jambonz actionHook refused: missing or wrong Jambonz-Signature (JAMBONZ_WEBHOOK_SECRET) or credentials");
            return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"error\":\"invalid signature or credentials\"}"));
        }
        Optional<String> callSid = JambonzActionHook.callSid(new String(request, StandardCharsets.UTF_8));
        Mono<Optional<String>> transfer = callSid.map(transfers::find).orElseGet(() -> Mono.just(Optional.empty()));
        return transfer.map(number -> {
            log.info("call {} after its listen: {}", callSid.orElse("(none named)"),
                    number.map(to -> "dialling " + CallContext.mask(to)).orElse("hanging up"));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(number.map(JambonzActionHook::dial).orElseGet(JambonzActionHook::hangup));
        });
    }

    private static BiPredicate<byte[], HttpHeaders> check(GatewaySecrets secrets, Clock clock) {
        if (!secrets.jambonzWebhookSecret().isEmpty()) {
            JambonzSignature signature = new JambonzSignature(secrets.jambonzWebhookSecret(), clock);
            return (body, headers) -> signature.verify(body, headers.getFirst(JambonzSignature.HEADER));
        }
        if (!secrets.jambonzPassword().isEmpty()) {
            var basic = HttpCredentials.basic(secrets.jambonzUsername(), secrets.jambonzPassword());
            return (body, headers) -> basic.test(headers);
        }
        return (body, headers) -> true;
    }
}
