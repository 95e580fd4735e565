package io.firstbyte.adapters.telephony.asterisk;

import static io.firstbyte.adapters.telephony.common.DropKind.MEDIA_BEFORE_START;
import static io.firstbyte.adapters.telephony.common.DropKind.MISSING_FIELD;
import static io.firstbyte.adapters.telephony.common.DropKind.OUTBOUND_PAUSED;
import static io.firstbyte.adapters.telephony.common.DropKind.OVERSIZED_MESSAGE;
import static io.firstbyte.adapters.telephony.common.DropKind.SECOND_START;
import static io.firstbyte.adapters.telephony.common.DropKind.UNKNOWN_EVENT;
import static io.firstbyte.adapters.telephony.common.DropKind.UNSUPPORTED_AUDIO_FORMAT;

import io.firstbyte.adapters.telephony.common.Abbreviate;
import io.firstbyte.adapters.telephony.common.Dialect;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.InboundAudio;
import io.firstbyte.adapters.telephony.common.PlayoutClock;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkPlayed;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.TransportCodec;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The codec of one Asterisk chan_websocket media connection (protocols.md 3.5), opened by
 * {@code Dial(WebSocket/<client>/c(ulaw)f(json)v(caller=…,called=…))} or by ARI External Media
 * with {@code transport=websocket}. Asterisk offers the subprotocol named by {@code protocols} in
 * {@code websocket_client.conf} (conventionally {@code media}); the server must accept and echo it.
 *
 * <p>Inbound, {@code MEDIA_START} (JSON, or the older plain-text line) becomes
 * {@link CallStarted}: stream id {@code connection_id}, call id the dial plan's name for the call
 * ({@code v(call=${UNIQUEID})}, see {@link AsteriskCallId}) or else {@code channel_id}; parameters are
 * the connection URL's query parameters (the dial string's {@code v()} options:
 * {@code caller}/{@code called} named {@code From}/{@code To}), then the channel variables (JSON
 * form only) and {@code channel}. Its {@code format} ({@code ulaw}, {@code alaw}, {@code slin},
 * {@code slin16}, {@code slin24}, {@code slin48}, …) is the encoding of the binary frames both
 * ways; they become {@link AudioIn} in mu-law 8 kHz 20 ms frames. {@code DTMF_END} becomes its
 * event, {@code MEDIA_MARK_PROCESSED} a mark echo; {@code MEDIA_XOFF}/{@code MEDIA_XON} pause and
 * resume outbound audio; {@code STATUS}, {@code MEDIA_BUFFERING_COMPLETED} and
 * {@code QUEUE_DRAINED} yield nothing. Bad input is dropped and counted: {@code malformed_json},
 * {@code partial_frame}, {@code media_before_start}, {@code second_start},
 * {@code oversized_message}, {@code unknown_event}, {@code missing_field},
 * {@code unsupported_audio_format}. Decoding never throws.
 *
 * <p>Outbound, audio becomes binary frames of {@code optimal_frame_size} bytes in the channel's
 * format (so Asterisk drops nothing); while Asterisk says {@code MEDIA_XOFF} audio is dropped and
 * counted as {@code outbound_paused}. A mark becomes {@code MARK_MEDIA} with the mark's name as
 * {@code correlation_id}; an interruption becomes {@code FLUSH_MEDIA}; {@link EndCall} becomes
 * {@code HANGUP}. Commands are written in the channel's control format. Plain-text channels
 * (before Asterisk 20.18/22.8/23.2, or {@code f(plain-text)}) have no {@code MARK_MEDIA}: there
 * marks are acknowledged by a {@link PlayoutClock} on the caller-audio clock instead.
 *
 * <p>Handing over: with {@code v(…,call=${UNIQUEID},handOver=true)} the call {@link #handsOver()}. The
 * WebSocket is only the call's media leg and has no transfer command: the dial plan, which goes on once
 * {@code Dial()} returns (option {@code g}), asks the server where the caller goes next under that same
 * name. So {@link EndCall} becomes {@code HANGUP} here too. {@code handOver=true} without a usable
 * {@code call}, or a {@code call} that is no {@link AsteriskCallId}, is counted as {@code missing_field}
 * and the call cannot be handed over.
 *
 * <p>One instance per connection; {@code decode} and {@code encode} may run on different threads,
 * each serially. At most one partial frame is held per direction.
 */
public final class AsteriskWebSocketCodec implements TransportCodec {

    public static final Dialect DIALECT = new Dialect("asterisk", Dialect.Transport.WEBSOCKET, List.of("media"),
            "the dial string's v(caller=...,called=...) as URL query parameters", "FLUSH_MEDIA");

    /** Longest text message accepted (16 KiB; MEDIA_START grows with the channel variables). */
    public static final int MAX_TEXT_CHARS = 16 * 1024;
    /** Longest binary frame: Asterisk's own WebSocket limit. */
    public static final int MAX_BINARY_BYTES = 65_500;
    /** The URL parameter ({@code v(call=…)}) naming the call as the dial plan knows it. */
    public static final String CALL_KEY = "call";
    /** The URL parameter ({@code v(handOver=true)}) saying the dial plan asks where a caller handed over goes. */
    public static final String HAND_OVER_KEY = "handOver";

    private final DroppedInput dropped;
    private final Map<String, String> query;
    private final PlayoutClock clock = new PlayoutClock();
    private volatile @Nullable MediaSession session;
    private volatile boolean paused;
    private volatile boolean handsOver;
    private Optional<InboundAudio> inbound = Optional.empty();

    /** @param query the connection URL's query parameters, where the dial string's {@code v()} options arrive */
    public AsteriskWebSocketCodec(DroppedInput dropped, Map<String, String> query) {
        this.dropped = dropped;
        this.query = Map.copyOf(query);
    }

    @Override
    public boolean handsOver() {
        return handsOver;
    }

    @Override
    public List<InboundEvent> decode(WireMessage message) {
        return DroppedMessage.reportedTo(dropped, () -> switch (message) {
            case WireMessage.Text text -> control(text.text());
            case WireMessage.Binary binary -> audio(binary.bytes());
        });
    }

    @Override
    public List<WireMessage> encode(OutboundEvent event) {
        MediaSession media = session;
        if (media == null) {
            return List.of();
        }
        return switch (event) {
            case AudioOut audio -> audioOut(media, audio);
            case MarkSent mark -> media.mark(mark.name());
            case Interruption interruption -> {
                paused = false;
                yield media.flush();
            }
            case EndCall end -> List.of(AsteriskCommands.command("HANGUP", media.json()));
        };
    }

    private List<InboundEvent> control(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new DroppedMessage(OVERSIZED_MESSAGE, text.length() + " chars, limit " + MAX_TEXT_CHARS);
        }
        ControlMessage message = ControlMessage.parse(text);
        return switch (message.name()) {
            case "MEDIA_START" -> List.of(start(message));
            case "DTMF_END" -> List.of(new Dtmf(required(message, "digit")));
            case "MEDIA_MARK_PROCESSED" -> List.of(new MarkPlayed(required(message, "correlation_id")));
            case "MEDIA_XOFF" -> paused(true);
            case "MEDIA_XON" -> paused(false);
            case "STATUS", "MEDIA_BUFFERING_COMPLETED", "QUEUE_DRAINED", "DTMF_BEGIN" -> List.of();
            default -> throw new DroppedMessage(UNKNOWN_EVENT, "event " + Abbreviate.of(message.name()));
        };
    }

    private CallStarted start(ControlMessage message) {
        if (session != null) {
            throw new DroppedMessage(SECOND_START, "MEDIA_START has already arrived");
        }
        Optional<String> named = namedCall();
        MediaSession.Start start = MediaSession.start(message, query, clock, named);
        inbound = start.inbound();
        session = start.session();
        boolean handOverAsked = "true".equals(start.started().parameters().get(HAND_OVER_KEY));
        if (handOverAsked && named.isEmpty()) {
            dropped.dropped(MISSING_FIELD.kind(), "handOver=true needs the dial string's v(" + CALL_KEY
                    + "=${UNIQUEID}) to name the call; this call cannot be handed over");
        }
        handsOver = handOverAsked && named.isPresent();
        return start.started();
    }

    /** The call's name from {@code v(call=…)}; a name that is no {@link AsteriskCallId} is reported and ignored. */
    private Optional<String> namedCall() {
        String raw = query.get(CALL_KEY);
        Optional<String> named = AsteriskCallId.of(raw);
        if (raw != null && named.isEmpty()) {
            dropped.dropped(MISSING_FIELD.kind(), "v(" + CALL_KEY + "=" + Abbreviate.of(raw) + ") is not a call name: "
                    + AsteriskCallId.rule() + "; the call is named by its channel_id instead");
        }
        return named;
    }

    private List<InboundEvent> paused(boolean xoff) {
        paused = xoff;
        return List.of();
    }

    private List<InboundEvent> audio(byte[] bytes) {
        if (bytes.length > MAX_BINARY_BYTES) {
            throw new DroppedMessage(OVERSIZED_MESSAGE, bytes.length + " bytes, limit " + MAX_BINARY_BYTES);
        }
        MediaSession media = session;
        if (media == null) {
            throw new DroppedMessage(MEDIA_BEFORE_START, "no MEDIA_START yet");
        }
        InboundAudio audio = inbound.orElseThrow(
                () -> new DroppedMessage(UNSUPPORTED_AUDIO_FORMAT, "the channel's format is not G.711 or signed linear"));
        List<InboundEvent> events = new ArrayList<>(audio.accept(bytes));
        if (!media.json()) {
            events.addAll(clock.advanceTo(audio.positionMillis()));
        }
        return events;
    }

    private List<WireMessage> audioOut(MediaSession media, AudioOut audio) {
        return DroppedMessage.reportedTo(dropped, () -> {
            if (paused) {
                throw new DroppedMessage(OUTBOUND_PAUSED, "Asterisk sent MEDIA_XOFF");
            }
            return media.audio(audio);
        });
    }

    private static String required(ControlMessage message, String field) {
        String value = message.field(field);
        if (value == null || value.isEmpty()) {
            throw new DroppedMessage(MISSING_FIELD, "no usable \"" + field + "\"");
        }
        return value;
    }
}
