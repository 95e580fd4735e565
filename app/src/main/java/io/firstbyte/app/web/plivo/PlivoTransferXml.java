package io.firstbyte.app.web.plivo;

import io.firstbyte.adapters.telephony.plivo.PlivoSignature;
import io.firstbyte.adapters.telephony.plivo.PlivoXml;
import io.firstbyte.app.config.HandOverProperties;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.app.handover.PendingTransfers;
import io.firstbyte.pipeline.call.CallContext;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /plivo/transfer} (and {@code GET}), the {@code aleg_url} of the Voice API's call transfer the server
 * sends when it hands a Plivo caller over: Plivo leaves the call's audio stream and asks here for the XML to run.
 * A call being handed over ({@link PendingTransfers}, recorded by whichever instance held the call, read by
 * {@code CallUUID}) gets {@code <Dial><Number>} with the business's number; any other call {@code <Hangup/>}.
 * Answering only reads, so a retried request gets the same answer.
 *
 * <p>Only requests carrying a valid {@code X-Plivo-Signature-V3} (HMAC-SHA256 with {@code PLIVO_AUTH_TOKEN} over
 * {@code PUBLIC_URL} followed by this path and query, the form and {@code X-Plivo-Signature-V3-Nonce}) are
 * answered; without the token configured, none is (the server then never transfers a Plivo call).
 */
@RestController
public class PlivoTransferXml {

    public static final String PATH = "/plivo/transfer";
    private static final Logger log = LoggerFactory.getLogger(PlivoTransferXml.class);
    private static final MediaType XML = MediaType.TEXT_XML;

    private final PendingTransfers transfers;
    private final TelephonyProperties telephony;
    private final @Nullable PlivoSignature signature;

    public PlivoTransferXml(TelephonyProperties telephony, HandOverProperties handOver, PendingTransfers transfers) {
        this.transfers = transfers;
        this.telephony = telephony;
        this.signature = handOver.plivoAuthToken().isEmpty() ? null : new PlivoSignature(handOver.plivoAuthToken());
    }

    @PostMapping(PATH)
    public Mono<ResponseEntity<String>> afterTransferPost(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> answer(exchange.getRequest(), form, form.getFirst("CallUUID")));
    }

    @GetMapping(PATH)
    public Mono<ResponseEntity<String>> afterTransferGet(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        return answer(request, new LinkedMultiValueMap<>(), request.getQueryParams().getFirst("CallUUID"));
    }

    private Mono<ResponseEntity<String>> answer(ServerHttpRequest request, MultiValueMap<String, String> form,
                                                @Nullable String callUuid) {
        String signedUrl = telephony.publicUrlOf(request.getPath().pathWithinApplication().value(), request.getURI().getRawQuery());
        if (signature == null) {
            log.warn("Plivo transfer request refused: PLIVO_AUTH_TOKEN is not set, so its signature cannot be checked");
            return Mono.just(refused());
        }
        if (!signature.isValid(request.getMethod().name(), signedUrl, form, request.getHeaders().getFirst(PlivoSignature.NONCE_HEADER),
                request.getHeaders().getFirst(PlivoSignature.HEADER))) {
            log.warn("Plivo transfer request refused: its {} is not over {} (the transfer's aleg_url is PUBLIC_URL followed "
                    + "by this path)", PlivoSignature.HEADER, signedUrl);
            return Mono.just(refused());
        }
        Mono<Optional<String>> transfer = callUuid == null || callUuid.isEmpty() ? Mono.just(Optional.empty()) : transfers.find(callUuid);
        return transfer.map(number -> {
            log.info("call {} after its transfer: {}", callUuid, number.map(to -> "dialling " + CallContext.mask(to)).orElse("hanging up"));
            return ResponseEntity.ok().contentType(XML).body(number.map(PlivoXml::dial).orElseGet(PlivoXml::hangup));
        });
    }

    private static ResponseEntity<String> refused() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON)
                .body("{\"error\":\"invalid or missing X-Plivo-Signature-V3\"}");
    }
}
