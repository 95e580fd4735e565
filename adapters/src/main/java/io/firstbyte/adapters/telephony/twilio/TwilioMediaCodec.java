package io.firstbyte.adapters.telephony.twilio;

import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.BINARY_FRAME;
import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.FOREIGN_STREAM;
import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.MEDIA_BEFORE_START;
import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.OVERSIZED_MESSAGE;
import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.SECOND_START;
import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.UNKNOWN_EVENT;
import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.UNSUPPORTED_AUDIO_FORMAT;

import io.firstbyte.adapters.telephony.common.Abbreviate;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The codec of one Twilio bidirectional Media Stream connection ({@code <Connect><Stream>}),
 * protocols.md section 1.
 *
 * <p>Inbound, {@code start} becomes {@link CallStarted}, caller-track {@code media} becomes
 * {@link AudioIn} (mu-law 8 kHz, whole 20 ms frames, stamped with Twilio's {@code timestamp}),
 * {@code dtmf}, {@code mark} and {@code stop} become their events, and {@code connected} yields
 * nothing. A {@code media}, {@code dtmf}, {@code mark} or {@code stop} naming another
 * {@code streamSid} than the {@code start} did is not this call's: it is dropped as
 * {@code foreign_stream}, so it is neither heard nor taken as the end of the call (a message
 * without a {@code streamSid} is taken as this stream's). Anything else is dropped and reported
 * to the {@link DroppedInput} under a
 * {@link TwilioDropKind}; decoding never throws, so one bad message never ends the call.
 *
 * <p>Outbound, audio becomes {@code media} (converted to mu-law when it is already 8 kHz),
 * marks become {@code mark}, an interruption becomes {@code clear}; nothing is written before
 * {@code start} has named the stream. {@link EndCall} writes nothing: the application hangs up by
 * closing the socket, and hands the caller over the same way (closing ends {@code <Connect>}, and
 * Twilio asks its action URL, which the application answers with {@code <Dial>}). The two
 * messages of every frame, {@code media} in and out, take a fast path without a JSON tree
 * ({@link MediaMessageReader}, {@link MediaMessageWriter}); every other message costs one small
 * JSON tree. There is no buffering.
 *
 * <p>One instance per connection. {@code decode} and {@code encode} may run on different
 * threads (receive and send sides), but each side must be called serially.
 */
public final class TwilioMediaCodec implements TransportCodec {

    /** Longest text message accepted (16 KiB); a 20 ms media message is about 400 characters. */
    public static final int MAX_TEXT_CHARS = 16 * 1024;

    private final DroppedInput dropped;
    private final MediaMessageReader mediaReader = new MediaMessageReader();
    private final MediaMessageWriter mediaWriter = new MediaMessageWriter();
    private volatile @Nullable String streamSid;

    public TwilioMediaCodec(DroppedInput dropped) {
        this.dropped = dropped;
    }

    @Override
    public List<InboundEvent> decode(WireMessage message) {
        try {
            return switch (message) {
                case WireMessage.Text text -> decodeText(text);
                case WireMessage.Binary binary ->
                        throw new DroppedMessage(BINARY_FRAME, binary.bytes().length + " bytes");
            };
        } catch (DroppedMessage drop) {
            dropped.dropped(drop.kind().kind(), drop.getMessage());
            return List.of();
        }
    }

    /** Twilio hands over through the application: the stream ends and Twilio asks {@code <Connect>}'s action URL. */
    @Override
    public boolean handsOver() {
        return true;
    }

    @Override
    public List<WireMessage> encode(OutboundEvent event) {
        String sid = streamSid;
        if (sid == null) {
            return List.of();
        }
        return switch (event) {
            case AudioOut audio -> mediaOut(sid, audio);
            case MarkSent mark -> List.of(TwilioOutbound.mark(sid, mark.name()));
            case Interruption interruption -> List.of(TwilioOutbound.clear(sid));
            case EndCall end -> List.of();
        };
    }

    private List<InboundEvent> decodeText(WireMessage.Text message) {
        // No more characters than UTF-8 bytes: only a message over the limit in bytes is counted in characters.
        if (message.utf8().length > MAX_TEXT_CHARS && message.text().length() > MAX_TEXT_CHARS) {
            throw new DroppedMessage(OVERSIZED_MESSAGE, message.text().length() + " chars, limit " + MAX_TEXT_CHARS);
        }
        String sid = streamSid;
        AudioIn audio = sid == null ? null : mediaReader.read(message.utf8(), sid);
        if (audio != null) {
            return List.of(audio);
        }
        JsonNode root = TwilioInbound.parse(message.text());
        String event = TwilioInbound.event(root);
        return switch (event) {
            case "connected" -> List.of();
            case "start" -> List.of(start(root));
            case "media" -> List.of(media(ofThisStream(root)));
            case "dtmf" -> List.of(TwilioInbound.dtmf(ofThisStream(root)));
            case "mark" -> List.of(TwilioInbound.mark(ofThisStream(root)));
            case "stop" -> {
                ofThisStream(root);
                yield List.of(new HangUp("stop"));
            }
            default -> throw new DroppedMessage(UNKNOWN_EVENT, "event " + Abbreviate.of(event));
        };
    }

    private CallStarted start(JsonNode root) {
        if (streamSid != null) {
            throw new DroppedMessage(SECOND_START, "the stream has already started");
        }
        CallStarted started = TwilioInbound.start(root);
        streamSid = started.streamId();
        return started;
    }

    /** The message, unless it names another stream than the one {@code start} named. */
    private JsonNode ofThisStream(JsonNode root) {
        String sid = streamSid;
        JsonNode named = root.path("streamSid");
        if (sid != null && named.isString() && !named.asString().equals(sid)) {
            throw new DroppedMessage(FOREIGN_STREAM, "streamSid " + Abbreviate.of(named.asString()) + " is not this call's");
        }
        return root;
    }

    private AudioIn media(JsonNode root) {
        if (streamSid == null) {
            throw new DroppedMessage(MEDIA_BEFORE_START, "no start yet");
        }
        return TwilioInbound.media(root);
    }

    private List<WireMessage> mediaOut(String sid, AudioOut audio) {
        var mulaw = MulawAudio.of(audio.audio(), audio.format());
        if (mulaw.isEmpty()) {
            dropped.dropped(UNSUPPORTED_AUDIO_FORMAT.kind(), "outbound " + audio.format() + " needs resampling to 8 kHz");
            return List.of();
        }
        return mulaw.get().length == 0 ? List.of() : List.of(mediaWriter.media(sid, mulaw.get()));
    }
}
