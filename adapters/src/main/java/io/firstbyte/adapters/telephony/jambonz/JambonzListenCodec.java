package io.firstbyte.adapters.telephony.jambonz;

import static io.firstbyte.adapters.telephony.common.DropKind.MEDIA_BEFORE_START;
import static io.firstbyte.adapters.telephony.common.DropKind.OVERSIZED_MESSAGE;
import static io.firstbyte.adapters.telephony.common.DropKind.SECOND_START;
import static io.firstbyte.adapters.telephony.common.DropKind.UNSUPPORTED_AUDIO_FORMAT;

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
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The codec of one jambonz {@code listen} connection with
 * {@code bidirectionalAudio: {enabled: true, streaming: true}}, protocols.md 3.3. jambonz offers
 * the subprotocol {@code audio.jambonz.org}; the server must accept and echo it.
 *
 * <p>Inbound, the first text frame (the call's attributes plus the verb's {@code metadata})
 * becomes {@link CallStarted}: stream and call id {@code callSid}, every scalar member as a
 * parameter, {@code from}/{@code to} named {@code From}/{@code To}. Its {@code sampleRate} (8000
 * by default; 16000, 24000 and 48000 are resampled, 64000 is not supported) sets the format of the
 * binary L16 frames that follow, which become {@link AudioIn} in mu-law 8 kHz 20 ms frames.
 * {@code {"type":"mark","data":{"event":"playout"}}} becomes a mark echo, a mark
 * {@code cleared} by {@code killAudio} yields nothing, {@code {"event":"dtmf"}} becomes its event.
 * Bad input is dropped and counted: {@code malformed_json}, {@code partial_frame},
 * {@code media_before_start}, {@code second_start}, {@code oversized_message},
 * {@code unknown_event}, {@code missing_field}, {@code unsupported_audio_format}. Decoding never
 * throws.
 *
 * <p>Outbound, audio becomes binary L16 in 20 ms frames at the same {@code sampleRate}, so the
 * application JSON must set {@code bidirectionalAudio.sampleRate} equal to {@code sampleRate}
 * (jambonz does not report it, and a mismatch plays too fast or too slow). A mark becomes
 * {@code {"type":"mark"}} after the audio before it; an interruption becomes
 * {@code {"type":"killAudio"}}; {@link EndCall} becomes {@code {"type":"disconnect"}}, which ends
 * the {@code listen} verb (the call hangs up when no verb follows). Nothing is written before the
 * metadata frame.
 *
 * <p>Handing over: when the verb's {@code metadata} says {@code "handOver": true} (its {@code actionHook}
 * is the server's, see {@link JambonzActionHook}), the call {@link #handsOver()}: the same
 * {@code disconnect} ends the listen, jambonz requests the hook, and the hook's answer dials the number
 * the call was ended for. Without it the listen has no way to pass a call on.
 *
 * <p>One instance per connection; {@code decode} and {@code encode} may run on different threads,
 * each serially. At most one partial frame is held per direction.
 */
public final class JambonzListenCodec implements TransportCodec {

    public static final Dialect DIALECT = new Dialect("jambonz", Dialect.Transport.WEBSOCKET, List.of("audio.jambonz.org"),
            "the first text frame's from and to (the call's attributes)", "{\"type\":\"killAudio\"}");

    /** Longest text message accepted (64 KiB); the metadata frame is usually under 2 KiB. */
    public static final int MAX_TEXT_CHARS = 64 * 1024;
    /** Longest binary frame accepted (64 KiB); 20 ms at 48 kHz is 1920 bytes. */
    public static final int MAX_BINARY_BYTES = 64 * 1024;

    private static final BinaryAudioOutbound SENDING = new BinaryAudioOutbound(JambonzOutbound::mark,
            JambonzOutbound.KILL_AUDIO, List.of(JambonzOutbound.DISCONNECT));

    private final DroppedInput dropped;
    private volatile @Nullable OutboundAudio outbound;
    /** The metadata key that says the verb's actionHook is this server's (and so it may hand callers over). */
    public static final String HAND_OVER_KEY = "handOver";

    private boolean started;
    private volatile boolean handsOver;
    private Optional<InboundAudio> inbound = Optional.empty();

    public JambonzListenCodec(DroppedInput dropped) {
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

    @Override
    public boolean handsOver() {
        return handsOver;
    }

    private List<InboundEvent> decodeText(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new DroppedMessage(OVERSIZED_MESSAGE, text.length() + " chars, limit " + MAX_TEXT_CHARS);
        }
        JsonNode root = Json.parseObject(text);
        if (!JambonzInbound.isMetadata(root)) {
            return JambonzInbound.event(root);
        }
        if (started) {
            throw new DroppedMessage(SECOND_START, "the call's metadata has already arrived");
        }
        return List.of(start(root));
    }

    private CallStarted start(JsonNode root) {
        JambonzInbound.Start start = JambonzInbound.metadata(root);
        inbound = InboundAudio.of(start.format());
        outbound = OutboundAudio.of(start.format());
        handsOver = "true".equals(start.started().parameters().get(HAND_OVER_KEY));
        started = true;
        return start.started();
    }

    private List<InboundEvent> audio(byte[] bytes) {
        if (bytes.length > MAX_BINARY_BYTES) {
            throw new DroppedMessage(OVERSIZED_MESSAGE, bytes.length + " bytes, limit " + MAX_BINARY_BYTES);
        }
        if (!started) {
            throw new DroppedMessage(MEDIA_BEFORE_START, "no metadata frame yet");
        }
        return inbound.orElseThrow(() -> new DroppedMessage(UNSUPPORTED_AUDIO_FORMAT, "sampleRate cannot be resampled to 8 kHz"))
                .accept(bytes);
    }
}
