package io.firstbyte.adapters.telephony.plivo;

import static io.firstbyte.adapters.telephony.common.DropKind.BINARY_FRAME;
import static io.firstbyte.adapters.telephony.common.DropKind.MEDIA_BEFORE_START;
import static io.firstbyte.adapters.telephony.common.DropKind.OVERSIZED_MESSAGE;
import static io.firstbyte.adapters.telephony.common.DropKind.SECOND_START;
import static io.firstbyte.adapters.telephony.common.DropKind.UNKNOWN_EVENT;
import static io.firstbyte.adapters.telephony.common.DropKind.UNSUPPORTED_AUDIO_FORMAT;

import io.firstbyte.adapters.telephony.common.Abbreviate;
import io.firstbyte.adapters.telephony.common.Bytes;
import io.firstbyte.adapters.telephony.common.Dialect;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.InboundAudio;
import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.adapters.telephony.common.OutboundAudio;
import io.firstbyte.adapters.telephony.common.StreamIds;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.HangUp;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.TransportCodec;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The codec of one Plivo Audio Stream connection ({@code <Stream bidirectional="true">}),
 * protocols.md 2.2.
 *
 * <p>Inbound, {@code start} becomes {@link CallStarted}: stream id {@code streamId}, call id
 * {@code callId} (what the hang-up REST call needs), and as parameters the stream's
 * {@code extraHeaders} ({@code From}/{@code To} among them; an all-digit number gets its
 * {@code +} back, since Plivo allows only letters and digits there) plus {@code accountId}.
 * Plivo's {@code start} carries no numbers: the Answer URL must put them into
 * {@code extraHeaders}. Caller-track {@code media} (mu-law, or L16 at 8 or 16 kHz) becomes
 * {@link AudioIn} in mu-law 8 kHz 20 ms frames; {@code dtmf} becomes its event,
 * {@code playedStream} (a checkpoint played) becomes a mark echo, {@code stop} a hang-up;
 * {@code clearedAudio} yields nothing. A {@code media}, {@code dtmf}, {@code playedStream} or
 * {@code stop} whose {@code streamId} is not the one {@code start} named is dropped as
 * {@code foreign_stream}. Other bad input is dropped and counted: {@code malformed_json},
 * {@code invalid_base64}, {@code partial_frame}, {@code media_before_start},
 * {@code second_start}, {@code oversized_message}, {@code binary_frame}, {@code unknown_event},
 * {@code outbound_track}, {@code missing_field}, {@code unsupported_audio_format}. Decoding never
 * throws.
 *
 * <p>Outbound, audio becomes {@code playAudio} (base64 mu-law 8 kHz, whatever the inbound
 * format), marks become {@code checkpoint}, an interruption becomes {@code clearAudio}. After a
 * {@code clearAudio} Plivo does not answer pending checkpoints (unlike Twilio); the pipeline
 * forgets them at the interruption anyway. {@link EndCall} writes nothing: the stream protocol has
 * no hang-up message, so the application closes the socket after it, which ends the call with
 * {@code keepCallAlive="true"} and nothing after the {@code <Stream>} (the REST {@code DELETE} of
 * the call is the other way). Nothing is written before {@code start}.
 *
 * <p>One instance per connection; {@code decode} and {@code encode} may run on different threads,
 * each serially. Each message costs one small JSON tree; nothing is buffered beyond one partial
 * 20 ms frame.
 */
public final class PlivoMediaCodec implements TransportCodec {

    public static final Dialect DIALECT = new Dialect("plivo", Dialect.Transport.WEBSOCKET, List.of(),
            "extraHeaders of <Stream> (From=...,To=..., digits only)", "{\"event\":\"clearAudio\",\"streamId\":...}");

    /** Longest text message accepted (64 KiB); 20 ms of L16 at 16 kHz is about 900 characters. */
    public static final int MAX_TEXT_CHARS = 64 * 1024;

    private final DroppedInput dropped;
    private final OutboundAudio outbound = OutboundAudio.unchunked(AudioFormat.MULAW_8K);
    private volatile @Nullable String streamId;
    private Optional<InboundAudio> inbound = Optional.empty();

    public PlivoMediaCodec(DroppedInput dropped) {
        this.dropped = dropped;
    }

    @Override
    public List<InboundEvent> decode(WireMessage message) {
        return DroppedMessage.reportedTo(dropped, () -> switch (message) {
            case WireMessage.Text text -> decodeText(text.text());
            case WireMessage.Binary binary ->
                    throw new DroppedMessage(BINARY_FRAME, binary.bytes().length + " bytes");
        });
    }

    @Override
    public List<WireMessage> encode(OutboundEvent event) {
        String id = streamId;
        if (id == null) {
            return List.of();
        }
        return switch (event) {
            case AudioOut audio -> playAudio(audio);
            case MarkSent mark -> List.of(PlivoOutbound.checkpoint(id, mark.name()));
            case Interruption interruption -> {
                outbound.reset();
                yield List.of(PlivoOutbound.clearAudio(id));
            }
            case EndCall end -> List.of();
        };
    }

    private List<InboundEvent> decodeText(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new DroppedMessage(OVERSIZED_MESSAGE, text.length() + " chars, limit " + MAX_TEXT_CHARS);
        }
        JsonNode root = Json.parseObject(text);
        String event = Json.text(root, "event");
        return switch (event) {
            case "start" -> List.of(start(root));
            case "media" -> media(ofThisStream(root));
            case "dtmf" -> List.of(PlivoInbound.dtmf(ofThisStream(root)));
            case "playedStream" -> List.of(PlivoInbound.playedStream(ofThisStream(root)));
            case "clearedAudio" -> List.of();
            case "stop" -> {
                ofThisStream(root);
                yield List.of(new HangUp("stop"));
            }
            default -> throw new DroppedMessage(UNKNOWN_EVENT, "event " + Abbreviate.of(event));
        };
    }

    private CallStarted start(JsonNode root) {
        if (streamId != null) {
            throw new DroppedMessage(SECOND_START, "the stream has already started");
        }
        PlivoInbound.Start start = PlivoInbound.start(root);
        inbound = start.audio();
        streamId = start.started().streamId();
        return start.started();
    }

    private JsonNode ofThisStream(JsonNode root) {
        return StreamIds.ofStream(root, "streamId", streamId);
    }

    private List<InboundEvent> media(JsonNode root) {
        if (streamId == null) {
            throw new DroppedMessage(MEDIA_BEFORE_START, "no start yet");
        }
        InboundAudio audio = inbound.orElseThrow(
                () -> new DroppedMessage(UNSUPPORTED_AUDIO_FORMAT, "the stream's mediaFormat is not mu-law or L16 at 8/16 kHz"));
        return audio.accept(PlivoInbound.media(root));
    }

    private List<WireMessage> playAudio(AudioOut audio) {
        return DroppedMessage.reportedTo(dropped, () -> {
            List<byte[]> chunks = outbound.accept(audio);
            return chunks.isEmpty() ? List.of() : List.of(PlivoOutbound.playAudio(Bytes.concat(chunks)));
        });
    }
}
