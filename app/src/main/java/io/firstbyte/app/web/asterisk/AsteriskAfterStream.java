package io.firstbyte.app.web.asterisk;

import io.firstbyte.adapters.telephony.asterisk.AsteriskCallId;
import io.firstbyte.adapters.telephony.asterisk.AsteriskWebSocketCodec;
import io.firstbyte.app.handover.PendingTransfers;
import io.firstbyte.pipeline.call.CallContext;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET} or {@code POST /asterisk/after-stream?call=<name>}: once {@code Dial(WebSocket/…)} or
 * {@code AudioSocket()} has returned, the dial plan asks here (with {@code CURL()}) where the caller goes
 * next, under the name it gave the call: the caller's {@code ${UNIQUEID}} it passed as {@code v(call=…)},
 * or the AudioSocket UUID. A call being handed over ({@link PendingTransfers}, recorded by whichever
 * instance held it) gets the business's number as plain text (E.164), any other call an empty body; the
 * dial plan dials the one and hangs up on the other. Answering only reads, so asking again gets the same
 * answer. {@code call} may also come in a form body ({@code CURL(url,call=…)}); without a usable one,
 * {@code 400}.
 *
 * <p>Who may ask is decided before this handler, by the security layer: HTTP Basic with the Asterisk
 * credentials ({@code ASTERISK_WS_USERNAME}/{@code ASTERISK_WS_PASSWORD}), and in production only while
 * one of the Asterisk gateways is served.
 */
@RestController
public class AsteriskAfterStream {

    public static final String PATH = "/asterisk/after-stream";
    private static final String CALL = AsteriskWebSocketCodec.CALL_KEY;
    private static final Logger log = LoggerFactory.getLogger(AsteriskAfterStream.class);

    private final PendingTransfers transfers;

    public AsteriskAfterStream(PendingTransfers transfers) {
        this.transfers = transfers;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    public Mono<ResponseEntity<String>> asked(ServerWebExchange exchange) {
        return answer(exchange.getRequest().getQueryParams().getFirst(CALL));
    }

    @PostMapping(path = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    public Mono<ResponseEntity<String>> posted(ServerWebExchange exchange) {
        String inQuery = exchange.getRequest().getQueryParams().getFirst(CALL);
        return inQuery != null ? answer(inQuery)
                : exchange.getFormData().map(form -> Optional.ofNullable(form.getFirst(CALL)))
                        .flatMap(inForm -> answer(inForm.orElse(null)));
    }

    private Mono<ResponseEntity<String>> answer(@Nullable String raw) {
        Optional<String> named = AsteriskCallId.of(raw);
        if (named.isEmpty()) {
            return Mono.just(ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN)
                    .body((raw == null ? "call is required" : "call must be " + AsteriskCallId.rule())
                            + ": " + PATH + "?" + CALL + "=${UNIQUEID} (chan_websocket) or the AudioSocket UUID"));
        }
        String call = named.get();
        return transfers.find(call).map(number -> {
            log.info("call {} after its media: {}", call, number.map(to -> "dialling " + CallContext.mask(to)).orElse("hanging up"));
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(number.orElse(""));
        });
    }
}
