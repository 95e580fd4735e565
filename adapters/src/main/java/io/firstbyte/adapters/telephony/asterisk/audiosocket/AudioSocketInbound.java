package io.firstbyte.adapters.telephony.asterisk.audiosocket;

import static io.firstbyte.adapters.telephony.common.DropKind.GATEWAY_ERROR;
import static io.firstbyte.adapters.telephony.common.DropKind.MALFORMED_FRAME;
import static io.firstbyte.adapters.telephony.common.DropKind.MEDIA_BEFORE_START;
import static io.firstbyte.adapters.telephony.common.DropKind.SECOND_START;
import static io.firstbyte.adapters.telephony.common.DropKind.UNKNOWN_EVENT;
import static io.firstbyte.adapters.telephony.common.DropKind.UNSUPPORTED_AUDIO_FORMAT;

import io.firstbyte.adapters.telephony.common.CallerNumbers;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.InboundAudio;
import io.firstbyte.adapters.telephony.common.PlayoutClock;
import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.HangUp;
import io.firstbyte.pipeline.event.InboundEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** What each inbound frame means for the call; used by the receiving side only. */
final class AudioSocketInbound {

    private static final int CALLER_HUNG_UP = 0x01;

    private final Function<UUID, Map<String, String>> directory;
    private final PlayoutClock clock;
    private @Nullable UUID call;
    private @Nullable InboundAudio audio;

    AudioSocketInbound(Function<UUID, Map<String, String>> directory, PlayoutClock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    List<InboundEvent> frame(AudioSocketFrame frame) {
        AudioSocketKind kind = frame.kind().orElseThrow(
                () -> new DroppedMessage(UNKNOWN_EVENT, "frame kind 0x" + Integer.toHexString(frame.type())));
        if (kind == AudioSocketKind.UUID) {
            return List.of(start(frame.payload()));
        }
        if (call == null && kind != AudioSocketKind.HANGUP) {
            throw new DroppedMessage(MEDIA_BEFORE_START, kind + " frame before the UUID");
        }
        return switch (kind) {
            case HANGUP -> List.of(new HangUp("hangup"));
            case DTMF -> List.of(dtmf(frame.payload()));
            case ERROR -> error(frame.payload());
            default -> audio(kind, frame.payload());
        };
    }

    private CallStarted start(byte[] payload) {
        if (call != null) {
            throw new DroppedMessage(SECOND_START, "the call already has its UUID");
        }
        if (payload.length != 16) {
            throw new DroppedMessage(MALFORMED_FRAME, "UUID of " + payload.length + " bytes");
        }
        ByteBuffer bytes = ByteBuffer.wrap(payload);
        UUID id = new UUID(bytes.getLong(), bytes.getLong());
        Map<String, String> parameters = new LinkedHashMap<>(directory.apply(id));
        parameters.put("uuid", id.toString());
        call = id;
        return new CallStarted(id.toString(), id.toString(), CallerNumbers.withFromAndTo(parameters), AudioFormat.MULAW_8K);
    }

    private static Dtmf dtmf(byte[] payload) {
        if (payload.length != 1 || payload[0] < 0x20 || payload[0] > 0x7E) {
            throw new DroppedMessage(MALFORMED_FRAME, "DTMF of " + payload.length + " bytes");
        }
        return new Dtmf(String.valueOf((char) payload[0]));
    }

    private static List<InboundEvent> error(byte[] payload) {
        int code = payload.length == 0 ? -1 : payload[0] & 0xFF;
        if (code == CALLER_HUNG_UP) {
            return List.of(new HangUp("caller hung up"));
        }
        throw new DroppedMessage(GATEWAY_ERROR, "AudioSocket error code " + code);
    }

    private List<InboundEvent> audio(AudioSocketKind kind, byte[] payload) {
        InboundAudio current = audio;
        if (current == null) {
            current = InboundAudio.of(new AudioFormat(AudioEncoding.PCM16LE, kind.sampleRate())).orElseThrow(
                    () -> new DroppedMessage(UNSUPPORTED_AUDIO_FORMAT, kind + " cannot be resampled to 8 kHz"));
            audio = current;
        } else if (current.wireFormat().sampleRate() != kind.sampleRate()) {
            // The caller-audio clock would restart with a new stream, so the first audio kind holds.
            throw new DroppedMessage(UNSUPPORTED_AUDIO_FORMAT, kind + " after audio at " + current.wireFormat().sampleRate() + " Hz");
        }
        List<InboundEvent> events = new ArrayList<>(current.accept(payload));
        events.addAll(clock.advanceTo(current.positionMillis()));
        return events;
    }
}
