package io.firstbyte.adapters.telephony.telnyx;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The codec of one Telnyx Media Streaming connection (protocols.md 2.1), bidirectional in
 * {@code rtp} mode with {@code PCMU} at 8 kHz.
 *
 * <p>Inbound, {@code start} becomes {@link CallStarted}: stream id {@code stream_id}, call id
 * {@code call_control_id} (what the hang-up REST call needs), parameters {@code From}/{@code To}
 * from {@code start.from}/{@code start.to} (older frames lack them: then from
 * {@code custom_parameters}), every custom parameter, {@code client_state} raw and, when it is
 * base64 JSON, its members. Caller-track {@code media} (an RTP payload: PCMU, PCMA or big-endian
 * L16) is put back in {@code chunk} order within a window of {@value ChunkReorder#WINDOW} chunks
 * and becomes {@link AudioIn} in mu-law 8 kHz 20 ms frames. {@code dtmf}, {@code mark} and
 * {@code stop} become their events; {@code stop} first releases any media still waiting.
 * {@code connected} yields nothing; {@code error} (body under {@code error} or {@code payload}) is
 * counted as {@code gateway_error}. A {@code media}, {@code dtmf}, {@code mark} or {@code stop}
 * whose {@code stream_id} is not the one {@code start} named is dropped as {@code foreign_stream}. Other bad input is dropped and counted under a
 * {@link io.firstbyte.adapters.telephony.common.DropKind}: {@code malformed_json},
 * {@code invalid_base64}, {@code partial_frame}, {@code media_before_start}, {@code second_start},
 * {@code oversized_message}, {@code binary_frame}, {@code unknown_event}, {@code outbound_track}
 * (our own audio on {@code both_tracks}), {@code missing_field}, {@code late_media},
 * {@code unsupported_audio_format}. Decoding never throws.
 *
 * <p>Outbound, audio becomes {@code media} (base64 PCMU), marks become {@code mark}, an
 * interruption becomes {@code clear} (Telnyx empties its playback buffer and returns pending
 * marks). Nothing is written before {@code start}. {@link EndCall} writes nothing: the stream
 * protocol has no hang-up message, so the application closes the socket after it, which ends a
 * TeXML {@code <Connect><Stream>} call; a Call Control call needs the REST {@code actions/hangup}
 * (docs/telephony.md).
 *
 * <p>Authentication is the application's: with {@code stream_auth_token} set, check the
 * {@code x-telnyx-streaming-auth-token} upgrade header with
 * {@link io.firstbyte.adapters.telephony.common.SharedSecret} before accepting the socket.
 *
 * <p>One instance per connection; {@code decode} and {@code encode} may run on different threads,
 * each serially. Each message costs one small JSON tree; at most five 20 ms chunks are held.
 */
public final class TelnyxMediaCodec implements TransportCodec {

    public static final Dialect DIALECT = new Dialect("telnyx", Dialect.Transport.WEBSOCKET, List.of(),
            "start.from and start.to (older frames: custom_parameters From/To)", "{\"event\":\"clear\"}");

    /** Longest text message accepted (16 KiB); a 20 ms media message is about 400 characters. */
    public static final int MAX_TEXT_CHARS = 16 * 1024;

    private final DroppedInput dropped;
    private final ChunkReorder reorder = new ChunkReorder();
    private final OutboundAudio outbound = OutboundAudio.unchunked(AudioFormat.MULAW_8K);
    private volatile boolean started;
    private @Nullable String streamId;
    private Optional<InboundAudio> inbound = Optional.empty();

    public TelnyxMediaCodec(DroppedInput dropped) {
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
        if (!started) {
            return List.of();
        }
        return switch (event) {
            case AudioOut audio -> mediaOut(audio);
            case MarkSent mark -> List.of(TelnyxOutbound.mark(mark.name()));
            case Interruption interruption -> {
                outbound.reset();
                yield List.of(TelnyxOutbound.clear());
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
            case "connected" -> List.of();
            case "start" -> List.of(start(root));
            case "media" -> media(ofThisStream(root));
            case "dtmf" -> List.of(TelnyxInbound.dtmf(ofThisStream(root)));
            case "mark" -> List.of(TelnyxInbound.mark(ofThisStream(root)));
            case "stop" -> {
                ofThisStream(root);
                yield stop();
            }
            case "error" -> throw TelnyxInbound.error(root);
            default -> throw new DroppedMessage(UNKNOWN_EVENT, "event " + Abbreviate.of(event));
        };
    }

    private CallStarted start(JsonNode root) {
        if (started) {
            throw new DroppedMessage(SECOND_START, "the stream has already started");
        }
        TelnyxInbound.Start start = TelnyxInbound.start(root);
        inbound = start.audio();
        streamId = start.started().streamId();
        started = true;
        return start.started();
    }

    private List<InboundEvent> media(JsonNode root) {
        if (!started) {
            throw new DroppedMessage(MEDIA_BEFORE_START, "no start yet");
        }
        InboundAudio audio = inbound.orElseThrow(
                () -> new DroppedMessage(UNSUPPORTED_AUDIO_FORMAT, "the stream's media_format is not PCMU, PCMA or L16"));
        TelnyxInbound.Media media = TelnyxInbound.media(root);
        audio.requireWholeSamples(media.payload());
        return frames(audio, reorder.offer(media.chunk(), media.payload()));
    }

    private JsonNode ofThisStream(JsonNode root) {
        return StreamIds.ofStream(root, "stream_id", streamId);
    }

    private List<InboundEvent> stop() {
        List<InboundEvent> events = new ArrayList<>(inbound.map(audio -> frames(audio, reorder.drain())).orElse(List.of()));
        events.add(new HangUp("stop"));
        return events;
    }

    private static List<InboundEvent> frames(InboundAudio audio, List<byte[]> payloads) {
        List<InboundEvent> events = new ArrayList<>(payloads.size());
        for (byte[] payload : payloads) {
            events.addAll(audio.accept(payload));
        }
        return events;
    }

    private List<WireMessage> mediaOut(AudioOut audio) {
        return DroppedMessage.reportedTo(dropped, () -> {
            List<byte[]> chunks = outbound.accept(audio);
            return chunks.isEmpty() ? List.of() : List.of(TelnyxOutbound.media(Bytes.concat(chunks)));
        });
    }
}
