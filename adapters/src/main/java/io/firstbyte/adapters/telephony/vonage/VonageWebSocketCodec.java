package io.firstbyte.adapters.telephony.vonage;

import static io.firstbyte.adapters.telephony.common.DropKind.MEDIA_BEFORE_START;
import static io.firstbyte.adapters.telephony.common.DropKind.OVERSIZED_MESSAGE;
import static io.firstbyte.adapters.telephony.common.DropKind.SECOND_START;
import static io.firstbyte.adapters.telephony.common.DropKind.UNKNOWN_EVENT;

import io.firstbyte.adapters.telephony.common.Abbreviate;
import io.firstbyte.adapters.telephony.common.BinaryAudioOutbound;
import io.firstbyte.adapters.telephony.common.Dialect;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.InboundAudio;
import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.adapters.telephony.common.OutboundAudio;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.TransportCodec;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The codec of one Vonage Voice API WebSocket ({@code connect} action, {@code websocket}
 * endpoint), protocols.md 3.4.
 *
 * <p>Inbound, the first text message ({@code websocket:connected}, or the same object without
 * {@code event}) becomes {@link CallStarted}: its {@code content-type} ({@code audio/l16;rate=16000}
 * or {@code 8000}) sets the audio format, and every other member (the NCCO's {@code headers},
 * merged in by Vonage) becomes a parameter, {@code from}/{@code to} named {@code From}/{@code To}.
 * The call id is the header {@code uuid} (or {@code call_uuid}, {@code conversation_uuid}) when the
 * NCCO passes it, else a random UUID. Binary frames of L16 become {@link AudioIn} in mu-law
 * 8 kHz 20 ms frames (resampled from 16 kHz with a filter that keeps its state).
 * {@code websocket:dtmf} becomes its event, {@code websocket:notify} a mark echo,
 * {@code websocket:cleared} nothing. Bad input is dropped and counted: {@code malformed_json},
 * {@code partial_frame}, {@code media_before_start}, {@code second_start},
 * {@code oversized_message}, {@code unknown_event}, {@code missing_field},
 * {@code unsupported_audio_format}. Decoding never throws.
 *
 * <p>Outbound, audio becomes binary L16 at the call's rate in frames of exactly 20 ms (640 bytes
 * at 16 kHz); a mark becomes {@code {"action":"notify"}} after the audio before it; an
 * interruption becomes {@code {"action":"clear"}}. {@link EndCall} writes nothing: closing the
 * socket ends the WebSocket leg. Nothing is written before the first message.
 *
 * <p>One instance per connection; {@code decode} and {@code encode} may run on different threads,
 * each serially. At most one partial frame is held per direction.
 */
public final class VonageWebSocketCodec implements TransportCodec {

    public static final Dialect DIALECT = new Dialect("vonage", Dialect.Transport.WEBSOCKET, List.of(),
            "the NCCO endpoint's headers {\"from\":...,\"to\":...}, merged into the first message", "{\"action\":\"clear\"}");

    /** Longest text message accepted (8 KiB); Vonage limits the NCCO headers to 512 bytes. */
    public static final int MAX_TEXT_CHARS = 8 * 1024;
    /** Longest binary frame accepted (64 KiB); Vonage sends 640 bytes per 20 ms. */
    public static final int MAX_BINARY_BYTES = 64 * 1024;

    private static final BinaryAudioOutbound SENDING = new BinaryAudioOutbound(VonageOutbound::notify, VonageOutbound.CLEAR, List.of());

    private final DroppedInput dropped;
    private volatile @Nullable OutboundAudio outbound;
    private @Nullable InboundAudio inbound;

    public VonageWebSocketCodec(DroppedInput dropped) {
        this.dropped = dropped;
    }

    @Override
    public List<InboundEvent> decode(WireMessage message) {
        return DroppedMessage.reportedTo(dropped, () -> switch (message) {
            case WireMessage.Text text -> decodeText(text.text());
            case WireMessage.Binary binary -> audio(binary.bytes());
        });
    }

    @Override
    public List<WireMessage> encode(OutboundEvent event) {
        OutboundAudio audio = outbound;
        return audio == null ? List.of() : SENDING.encode(audio, event, dropped);
    }

    private List<InboundEvent> decodeText(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new DroppedMessage(OVERSIZED_MESSAGE, text.length() + " chars, limit " + MAX_TEXT_CHARS);
        }
        JsonNode root = Json.parseObject(text);
        String event = inbound == null && !root.has("event") ? "websocket:connected" : Json.text(root, "event");
        return switch (event) {
            case "websocket:connected" -> List.of(connected(root));
            case "websocket:dtmf" -> List.of(VonageInbound.dtmf(root));
            case "websocket:notify" -> List.of(VonageInbound.notify(root));
            case "websocket:cleared" -> List.of();
            default -> throw new DroppedMessage(UNKNOWN_EVENT, "event " + Abbreviate.of(event));
        };
    }

    private CallStarted connected(JsonNode root) {
        if (inbound != null) {
            throw new DroppedMessage(SECOND_START, "the call has already started");
        }
        VonageInbound.Start start = VonageInbound.connected(root);
        inbound = InboundAudio.of(start.format()).orElseThrow();
        outbound = OutboundAudio.of(start.format());
        return start.started();
    }

    private List<InboundEvent> audio(byte[] bytes) {
        if (bytes.length > MAX_BINARY_BYTES) {
            throw new DroppedMessage(OVERSIZED_MESSAGE, bytes.length + " bytes, limit " + MAX_BINARY_BYTES);
        }
        InboundAudio audio = inbound;
        if (audio == null) {
            throw new DroppedMessage(MEDIA_BEFORE_START, "no websocket:connected yet");
        }
        return audio.accept(bytes);
    }
}
