package io.firstbyte.adapters.telephony.asterisk.audiosocket;

import static io.firstbyte.adapters.telephony.common.DropKind.PROTOCOL_ERROR;
import static io.firstbyte.adapters.telephony.common.DropKind.TEXT_FRAME;

import io.firstbyte.adapters.telephony.asterisk.AsteriskWebSocketCodec;
import io.firstbyte.adapters.telephony.common.Dialect;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.OutboundAudio;
import io.firstbyte.adapters.telephony.common.PlayoutClock;
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
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The codec of one Asterisk AudioSocket TCP connection (protocols.md 3.6), opened by the dial
 * plan's {@code AudioSocket(<uuid>,host:port)} or {@code Dial(AudioSocket/host:port/<uuid>)}.
 * Feed it the connection's bytes as {@link WireMessage.Binary} chunks, split anywhere; write what
 * {@link #encode} returns to the socket as it is.
 *
 * <p>Inbound, the first frame (the UUID) becomes {@link CallStarted} with stream and call id the
 * UUID; AudioSocket carries nothing else, so the parameters are {@code uuid} plus whatever the
 * {@code directory} function returns for it (an {@link AudioSocketCallDirectory} the dial plan
 * registered {@code From}/{@code To} in). Audio frames (slin at 8 kHz, or 12 to 48 kHz on newer
 * Asterisk) become {@link AudioIn} in mu-law 8 kHz 20 ms frames; DTMF frames become their event;
 * a hang-up frame, or an error frame with code 0x01 (caller hung up), becomes {@link HangUp}.
 * Frames that are well delimited but wrong are dropped and counted: {@code media_before_start},
 * {@code second_start}, {@code malformed_frame} (a UUID that is not 16 bytes, a DTMF that is not
 * one), {@code partial_frame}, {@code unknown_event} (an unknown kind), {@code gateway_error}
 * (other error codes), {@code unsupported_audio_format} (44.1, 96 or 192 kHz), {@code text_frame}.
 * A length above the limit means the stream cannot be read any further: it is counted as
 * {@code protocol_error}, a started call gets a {@link HangUp}, {@link #mustDisconnect()} turns
 * true and everything after is ignored; the application closes that connection only. Decoding
 * never throws.
 *
 * <p>AudioSocket has no playback acknowledgement and no way to drop queued audio. Outbound, audio
 * becomes slin 8 kHz frames of 320 bytes (20 ms), all frames of one event in one write; marks are
 * acknowledged by a {@link PlayoutClock} on the caller-audio clock; an interruption writes nothing
 * (the pipeline simply stops sending, and Asterisk holds no backlog) and forgets the held-back
 * audio; {@link EndCall} writes a hang-up frame. Nothing is written before the UUID.
 *
 * <p>Handing over: AudioSocket carries audio and hang-up only, but {@code AudioSocket()} returns and the
 * dial plan goes on, asking the server where the caller goes next under the call's UUID. The call
 * {@link #handsOver()} when its registration says {@code handOver=true} (the dial plan asks); its
 * {@link EndCall} is the same hang-up frame.
 *
 * <p>One instance per connection; {@code decode} and {@code encode} may run on different threads,
 * each serially. Holds at most one incomplete frame inbound and one partial frame outbound.
 */
public final class AudioSocketCodec implements TransportCodec {

    public static final Dialect DIALECT = new Dialect("audiosocket", Dialect.Transport.TCP, List.of(),
            "registered by the dial plan under the AudioSocket UUID (AudioSocketCallDirectory)",
            "none: the pipeline stops sending");

    private static final AudioFormat WIRE = AudioFormat.PCM16_8K;

    private final DroppedInput dropped;
    private final AudioSocketFrameDecoder decoder;
    private final AudioSocketInbound inbound;
    private final OutboundAudio outbound = OutboundAudio.of(WIRE);
    private final PlayoutClock clock = new PlayoutClock();
    private volatile boolean started;
    private volatile boolean disconnect;
    private volatile boolean handsOver;

    /** A codec without a directory: the call's only parameter is its {@code uuid}. */
    public AudioSocketCodec(DroppedInput dropped) {
        this(dropped, call -> Map.of(), new AudioSocketFrameDecoder());
    }

    /**
     * @param directory the parameters registered for a call's UUID; called once per connection, must not block
     * @param decoder the frame decoder, with its payload limit
     */
    public AudioSocketCodec(DroppedInput dropped, Function<UUID, Map<String, String>> directory,
                            AudioSocketFrameDecoder decoder) {
        this.dropped = dropped;
        this.decoder = decoder;
        this.inbound = new AudioSocketInbound(directory, clock);
    }

    @Override
    public boolean handsOver() {
        return handsOver;
    }

    /** True once the byte stream could not be read: close this connection. */
    public boolean mustDisconnect() {
        return disconnect;
    }

    @Override
    public List<InboundEvent> decode(WireMessage message) {
        if (disconnect) {
            return List.of();
        }
        return switch (message) {
            case WireMessage.Text text -> {
                dropped.dropped(TEXT_FRAME.kind(), text.text().length() + " chars on a binary protocol");
                yield List.of();
            }
            case WireMessage.Binary binary -> bytes(binary.bytes());
        };
    }

    @Override
    public List<WireMessage> encode(OutboundEvent event) {
        if (!started) {
            return List.of();
        }
        return switch (event) {
            case AudioOut audio -> frames(audioOut(audio));
            case MarkSent mark -> {
                List<WireMessage> rest = frames(outbound.flush().stream().toList());
                clock.markSent(mark.name());
                yield rest;
            }
            case Interruption interruption -> {
                outbound.reset();
                clock.cleared();
                yield List.of();
            }
            case EndCall end -> List.of(new WireMessage.Binary(AudioSocketFrame.hangup().toBytes()));
        };
    }

    private List<InboundEvent> bytes(byte[] chunk) {
        List<AudioSocketFrame> frames;
        String failure = null;
        try {
            frames = decoder.push(chunk);
        } catch (AudioSocketProtocolException unreadable) {
            frames = unreadable.decodedBefore();
            failure = unreadable.getMessage();
        }
        List<InboundEvent> events = new ArrayList<>(frames.size());
        for (AudioSocketFrame frame : frames) {
            events.addAll(frame(frame));
        }
        if (failure != null) {
            disconnect = true;
            dropped.dropped(PROTOCOL_ERROR.kind(), failure);
            if (started) {
                events.add(new HangUp("protocol error"));
            }
        }
        return events;
    }

    private List<InboundEvent> frame(AudioSocketFrame frame) {
        return DroppedMessage.reportedTo(dropped, () -> {
            List<InboundEvent> events = inbound.frame(frame);
            if (!events.isEmpty() && events.getFirst() instanceof CallStarted start) {
                handsOver = "true".equals(start.parameters().get(AsteriskWebSocketCodec.HAND_OVER_KEY));
                started = true;
            }
            return events;
        });
    }

    private List<byte[]> audioOut(AudioOut audio) {
        return DroppedMessage.reportedTo(dropped, () -> {
            return outbound.accept(audio);
        });
    }

    /** All frames of one event in one write: fewer, larger TCP segments. */
    private List<WireMessage> frames(List<byte[]> chunks) {
        if (chunks.isEmpty()) {
            return List.of();
        }
        byte[] bytes = new byte[chunks.stream().mapToInt(chunk -> chunk.length + AudioSocketFrame.HEADER_BYTES).sum()];
        int offset = 0;
        for (byte[] chunk : chunks) {
            offset = AudioSocketFrame.slin(chunk).writeTo(bytes, offset);
            clock.audioSent(WIRE.millisOf(chunk.length));
        }
        return List.of(new WireMessage.Binary(bytes));
    }
}
