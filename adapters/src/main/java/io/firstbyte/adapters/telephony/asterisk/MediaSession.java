package io.firstbyte.adapters.telephony.asterisk;

import static io.firstbyte.adapters.telephony.common.DropKind.MISSING_FIELD;
import static io.firstbyte.adapters.telephony.common.DropKind.UNSUPPORTED_AUDIO_FORMAT;

import io.firstbyte.adapters.telephony.common.CallerNumbers;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.InboundAudio;
import io.firstbyte.adapters.telephony.common.OutboundAudio;
import io.firstbyte.adapters.telephony.common.PlayoutClock;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.transport.WireMessage;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sending side of one channel, fixed by {@code MEDIA_START}: its format and frame size, and
 * whether it speaks JSON (with {@code MARK_MEDIA}) or plain text (marks estimated by the clock).
 * Used by the sending side only, after the receiving side created it.
 */
final class MediaSession {

    record Start(CallStarted started, Optional<InboundAudio> inbound, MediaSession session) {
    }

    private final @Nullable OutboundAudio outbound;
    private final boolean json;
    private final PlayoutClock clock;
    private final long chunkMillis;

    private MediaSession(@Nullable OutboundAudio outbound, boolean json, PlayoutClock clock, long chunkMillis) {
        this.outbound = outbound;
        this.json = json;
        this.clock = clock;
        this.chunkMillis = chunkMillis;
    }

    /** @param named the call's name from the dial plan ({@code v(call=…)}); without it, {@code channel_id} names the call */
    static Start start(ControlMessage message, Map<String, String> query, PlayoutClock clock, Optional<String> named) {
        String connectionId = message.field("connection_id");
        if (connectionId == null || connectionId.isEmpty()) {
            throw new DroppedMessage(MISSING_FIELD, "no usable \"connection_id\"");
        }
        Optional<String> channelId = Optional.ofNullable(message.field("channel_id")).filter(id -> !id.isEmpty());
        String callId = named.orElseGet(() -> channelId.orElse(connectionId));
        Map<String, String> parameters = new LinkedHashMap<>(query);
        message.channelVariables().forEach(parameters::putIfAbsent);
        Optional.ofNullable(message.field("channel")).ifPresent(channel -> parameters.putIfAbsent("channel", channel));
        channelId.ifPresent(id -> parameters.putIfAbsent("channel_id", id));
        CallStarted started = new CallStarted(connectionId, callId, CallerNumbers.withFromAndTo(parameters), AudioFormat.MULAW_8K);
        Optional<AudioFormat> format = ChannelFormat.of(Optional.ofNullable(message.field("format")).orElse("ulaw"));
        OutboundAudio outbound = format.map(wire -> OutboundAudio.of(wire, ByteOrder.LITTLE_ENDIAN, frameBytes(message, wire)))
                .orElse(null);
        long chunkMillis = format.map(wire -> wire.millisOf(frameBytes(message, wire))).orElse(20L);
        return new Start(started, format.flatMap(InboundAudio::of), new MediaSession(outbound, message.json(), clock, chunkMillis));
    }

    boolean json() {
        return json;
    }

    List<WireMessage> audio(AudioOut audio) {
        if (outbound == null) {
            throw new DroppedMessage(UNSUPPORTED_AUDIO_FORMAT, "the channel's format is not G.711 or signed linear");
        }
        return frames(outbound.accept(audio));
    }

    List<WireMessage> mark(String name) {
        List<WireMessage> sent = new ArrayList<>(frames(outbound == null ? List.of() : outbound.flush().stream().toList()));
        if (json) {
            sent.add(AsteriskCommands.markMedia(name));
        } else {
            clock.markSent(name);
        }
        return sent;
    }

    List<WireMessage> flush() {
        if (outbound != null) {
            outbound.reset();
        }
        clock.cleared();
        return List.of(AsteriskCommands.command("FLUSH_MEDIA", json));
    }

    private List<WireMessage> frames(List<byte[]> chunks) {
        List<WireMessage> sent = new ArrayList<>(chunks.size());
        for (byte[] chunk : chunks) {
            clock.audioSent(chunkMillis);
            sent.add(new WireMessage.Binary(chunk));
        }
        return sent;
    }

    /** {@code optimal_frame_size} when it is a sane whole number of samples, else 20 ms of the format. */
    private static int frameBytes(ControlMessage message, AudioFormat format) {
        try {
            int size = Integer.parseInt(Optional.ofNullable(message.field("optimal_frame_size")).orElse("").strip());
            int sample = format.encoding().bytesPerSample();
            return size > 0 && size <= AsteriskWebSocketCodec.MAX_BINARY_BYTES && size % sample == 0 ? size : format.bytesPerFrame();
        } catch (NumberFormatException absent) {
            return format.bytesPerFrame();
        }
    }
}
