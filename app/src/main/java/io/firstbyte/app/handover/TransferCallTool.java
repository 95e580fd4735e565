package io.firstbyte.app.handover;

import io.firstbyte.app.booking.CatalogSource;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.control.ControlledEnd;
import io.firstbyte.pipeline.tool.EndingTool;
import io.firstbyte.pipeline.tool.JsonText;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolResult;
import io.firstbyte.pipeline.tool.ToolSpec;
import io.firstbyte.pipeline.transport.TransportCodec;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * {@value #NAME}: the caller asks for a person (or pressed the human key). The call is handed over
 * when the business has a transfer number, it is open now, and the call's line can pass calls on
 * ({@link TransportCodec#handsOver()}); the agent then says one short line and the call ends with end
 * reason {@code transfer}. Otherwise the answer says why not and asks the agent to offer to take a
 * message. Answering changes nothing, so asking twice is harmless: the hand-over's one side effect
 * ({@link #handOverTo}: the number read again and recorded as the call's pending transfer, for what the
 * gateway asks after the stream: Twilio's action URL, jambonz' actionHook, the Asterisk dial plan), and, where configured, the gateway's own hand-over ({@link GatewayTransfers}: Twilio's REST
 * call update, Telnyx's {@code transfer}), happens once, when the call really ends for it, after the line has played and before the
 * transport ends the call. The Redis record is the one source: a repeated hand-over of the same call tells no
 * gateway twice. Should the number have gone meanwhile, the call simply ends.
 */
public final class TransferCallTool implements EndingTool {

    public static final String NAME = "transfer_call";
    static final String TRANSFERRING = "{\"status\":\"transferring\",\"note\":\"Say one short sentence such as 'I'll put "
            + "you through now.' and nothing else; the caller is handed over after your words.\"}";
    private static final Logger log = LoggerFactory.getLogger(TransferCallTool.class);

    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Hand the caller over to a person at the business, when they ask for one (or pressed 0). If nobody can take "
                    + "the call, the answer says so: then offer to take a message with take_message.",
            "{\"type\":\"object\",\"properties\":{\"reason\":{\"type\":\"string\",\"description\":\"Optional: in a few "
                    + "words, what the caller wants a person for\"}}}");

    private final TransferNumbers numbers;
    private final PendingTransfers pending;
    private final CatalogSource catalogs;
    private final Clock clock;
    private final GatewayTransfers gateways;

    public TransferCallTool(TransferNumbers numbers, PendingTransfers pending, CatalogSource catalogs, Clock clock) {
        this(numbers, pending, catalogs, clock, GatewayTransfers.NONE);
    }

    /** @param gateways the gateways' own ways to pass a call on, tried after the transfer is recorded */
    public TransferCallTool(TransferNumbers numbers, PendingTransfers pending, CatalogSource catalogs, Clock clock,
                            GatewayTransfers gateways) {
        this.numbers = numbers;
        this.pending = pending;
        this.catalogs = catalogs;
        this.clock = clock;
        this.gateways = gateways;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Mono<String> execute(ToolCall call, CallContext context) {
        String tenant = context.attribute(TenantInfo.CONTEXT_ATTRIBUTE, String.class);
        if (tenant == null) {
            return Mono.just(unavailable("no business answers on this number"));
        }
        if (!Boolean.TRUE.equals(context.attribute(TransportCodec.HANDS_OVER_ATTRIBUTE, Boolean.class))) {
            return Mono.just(unavailable("this phone line cannot pass calls on to a person"));
        }
        return numbers.of(UUID.fromString(tenant))
                .flatMap(number -> number.isEmpty() ? Mono.just(unavailable("nobody at the business takes calls in person"))
                        : catalogs.catalog(tenant).map(catalog -> OpenNow.at(catalog, clock.instant()) ? TRANSFERRING
                                : unavailable("the business is closed right now"))
                        .defaultIfEmpty(unavailable("the business's hours could not be read")))
                .onErrorResume(error -> {
                    log.warn("call {}: transfer could not be checked ({})", context.callId(), error.toString());
                    return Mono.just(unavailable("a person cannot be reached just now"));
                })
                .doOnNext(answer -> log.info("call {}: the caller asked for a person: {}", context.callId(),
                        answer.equals(TRANSFERRING) ? "transferring" : "nobody available"));
    }

    @Override
    public @Nullable String endsCall(ToolResult result) {
        return result.content().equals(TRANSFERRING) ? ControlledEnd.TRANSFER.reason() : null;
    }

    @Override
    public Mono<String> handOverTo(CallContext context, String reason) {
        String tenant = context.attribute(TenantInfo.CONTEXT_ATTRIBUTE, String.class);
        if (!ControlledEnd.TRANSFER.reason().equals(reason) || tenant == null) {
            return Mono.empty();
        }
        return numbers.of(UUID.fromString(tenant))
                .flatMap(number -> Mono.justOrEmpty(number))
                .flatMap(number -> pending.claim(context.callId(), number)
                        .flatMap(first -> first ? gateways.transfer(context, number) : alreadyHandedOver(context))
                        .thenReturn(number))
                .doOnNext(number -> log.info("call {}: handed over to {}", context.callId(), CallContext.mask(number)))
                .onErrorResume(error -> {
                    log.warn("call {}: the transfer number could not be read ({}); the call ends", context.callId(),
                            error.toString());
                    return Mono.empty();
                });
    }

    private static Mono<Void> alreadyHandedOver(CallContext context) {
        log.info("call {}: already being handed over; the gateway is not told twice", context.callId());
        return Mono.empty();
    }

    private static String unavailable(String reason) {
        return "{\"status\":\"unavailable\",\"reason\":" + JsonText.quote(reason) + ",\"note\":\"Nobody can take the call "
                + "now. Tell the caller briefly and offer to take a message for the business (take_message).\"}";
    }
}
