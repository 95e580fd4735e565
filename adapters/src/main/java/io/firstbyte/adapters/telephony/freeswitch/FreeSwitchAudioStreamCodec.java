package io.firstbyte.adapters.telephony.freeswitch;

import static io.firstbyte.adapters.telephony.common.DropKind.MALFORMED_JSON;
import static io.firstbyte.adapters.telephony.common.DropKind.OVERSIZED_MESSAGE;
import static io.firstbyte.adapters.telephony.common.DropKind.PARTIAL_FRAME;
import static io.firstbyte.adapters.telephony.common.DropKind.UNKNOWN_EVENT;
import static io.firstbyte.adapters.telephony.common.DropKind.UNSUPPORTED_AUDIO_FORMAT;

import io.firstbyte.adapters.telephony.common.Dialect;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.InboundAudio;
import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.adapters.telephony.common.PlayoutClock;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.CallStarted;
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
import tools.jackson.databind.JsonNode;

/**
 * The codec of one FreeSWITCH mod_audio_stream connection (protocols.md 3.1), or of
 * mod_audio_fork (3.2) with {@link FreeSwitchPlayback#AUDIO_FORK_FILES}; start streams with
 * {@code mono} audio. mod_audio_fork offers the subprotocol {@code audio.drachtio.org} (jambonz
 * builds {@code audio.jambonz.org}), which the server must accept and echo; mod_audio_stream
 * offers none.
 *
 * <p>Inbound, the call starts at the first frame. When it is text, it is the start command's
 * metadata: a JSON object whose scalar members, over the stream URL's query parameters, become
 * the parameters ({@code from}/{@code caller_id_number} and {@code to}/{@code destination_number}
 * named {@code From}/{@code To}); {@code uuid} names the call (else a random UUID); and
 * {@code sampleRate} ({@code 8000}/{@code 16000}, or {@code 8k}/{@code 16k}) must match the start
 * command's rate (else the URL's {@code rate}, else the settings' default). When the first frame
 * is binary (no metadata), only the query parameters describe the call. Binary L16 becomes
 * {@link AudioIn} in mu-law 8 kHz 20 ms frames (any {@code STREAM_BUFFER_SIZE} is re-framed).
 * None of the modules echoes playback, so marks are acknowledged by a {@link PlayoutClock} on the
 * caller-audio clock: a {@link MarkPlayed} follows the inbound frame during which the audio sent
 * before the mark has run out. Bad input is dropped and counted: {@code malformed_json}
 * (metadata that is not JSON), {@code partial_frame}, {@code oversized_message},
 * {@code unknown_event} (any later text, such as {@code send_text}), {@code unsupported_audio_format}.
 * Decoding never throws.
 *
 * <p>Outbound per {@link FreeSwitchPlayback}: files of raw L16 8 kHz ({@code streamAudio} or
 * {@code playAudio}) that the FreeSWITCH application plays, or binary L16 frames. A mark writes
 * nothing (it only cuts the current file). An interruption drops the unsent audio and writes
 * {@code {"type":"killAudio"}}: mod_audio_fork stops playback; mod_audio_stream fires it as
 * {@code mod_audio_stream::json}, on which the application must run {@code uuid_break}.
 * {@link EndCall} writes {@code {"type":"disconnect"}} for mod_audio_fork and nothing for
 * mod_audio_stream: the application hangs up when the socket closes. An {@link EndCall} with a
 * transfer target writes {@code {"type":"transfer","data":{"number":"+…"}}} instead (and no
 * {@code disconnect}): mod_audio_fork fires it as {@code mod_audio_fork::transfer}, mod_audio_stream
 * as {@code mod_audio_stream::json}, and the application transfers the channel to that number.
 *
 * <p>One instance per connection; {@code decode} and {@code encode} may run on different threads,
 * each serially. Holds at most one file (or one partial frame) of outbound audio.
 */
public final class FreeSwitchAudioStreamCodec implements TransportCodec {

    public static final Dialect DIALECT = new Dialect("freeswitch", Dialect.Transport.WEBSOCKET,
            List.of("audio.drachtio.org", "audio.jambonz.org"),
            "the start command's metadata JSON {\"from\":...,\"to\":...} (or the URL's query parameters)",
            "{\"type\":\"killAudio\"} (mod_audio_fork stops playback; for mod_audio_stream the application runs uuid_break)");

    /** Longest text message accepted (16 KiB). */
    public static final int MAX_TEXT_CHARS = 16 * 1024;
    /** Longest binary frame accepted (128 KiB: up to 4 s of 8 kHz with a large {@code STREAM_BUFFER_SIZE}). */
    public static final int MAX_BINARY_BYTES = 128 * 1024;

    private final DroppedInput dropped;
    private final Map<String, String> query;
    private final FreeSwitchSettings settings;
    private final PlayoutClock clock = new PlayoutClock();
    private volatile @Nullable Playback playback;
    private boolean started;
    private Optional<InboundAudio> inbound = Optional.empty();

    /** mod_audio_stream with {@link FreeSwitchSettings#DEFAULTS} and no query parameters. */
    public FreeSwitchAudioStreamCodec(DroppedInput dropped) {
        this(dropped, Map.of(), FreeSwitchSettings.DEFAULTS);
    }

    /** @param query the stream URL's query parameters (may carry the numbers when there is no metadata) */
    public FreeSwitchAudioStreamCodec(DroppedInput dropped, Map<String, String> query, FreeSwitchSettings settings) {
        this.dropped = dropped;
        this.query = Map.copyOf(query);
        this.settings = settings;
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
        Playback sender = playback;
        if (sender == null) {
            return List.of();
        }
        return switch (event) {
            case AudioOut audio -> audioOut(sender, audio);
            case MarkSent mark -> sender.mark(mark.name());
            case Interruption interruption -> sender.interrupt();
            case EndCall end -> end.transferTo() == null ? sender.end() : List.of(FreeSwitchOutbound.transfer(end.transferTo()));
        };
    }

    /** Both modules pass {@code {"type":"transfer",…}} to the controlling application, which transfers the channel. */
    @Override
    public boolean handsOver() {
        return true;
    }

    private List<InboundEvent> decodeText(String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new DroppedMessage(OVERSIZED_MESSAGE, text.length() + " chars, limit " + MAX_TEXT_CHARS);
        }
        if (started) {
            throw new DroppedMessage(UNKNOWN_EVENT, "text of " + text.length() + " chars after the metadata");
        }
        JsonNode metadata;
        try {
            metadata = Json.parseObject(text);
        } catch (DroppedMessage notJson) {
            throw new DroppedMessage(MALFORMED_JSON, "metadata is not a JSON object; the call starts with the URL's parameters");
        }
        return List.of(start(metadata));
    }

    private CallStarted start(@Nullable JsonNode metadata) {
        FreeSwitchMetadata.Start start = FreeSwitchMetadata.start(query, metadata, settings.defaultSampleRate());
        inbound = InboundAudio.of(start.format());
        playback = Playback.of(settings, start.format().sampleRate(), clock);
        started = true;
        return start.started();
    }

    private List<InboundEvent> audio(byte[] bytes) {
        if (bytes.length > MAX_BINARY_BYTES) {
            throw new DroppedMessage(OVERSIZED_MESSAGE, bytes.length + " bytes, limit " + MAX_BINARY_BYTES);
        }
        if (bytes.length == 0 || bytes.length % 2 != 0) {
            throw new DroppedMessage(PARTIAL_FRAME, "payload of " + bytes.length + " bytes is not whole L16 samples");
        }
        List<InboundEvent> events = new ArrayList<>();
        if (!started) {
            events.add(start(null));
        }
        InboundAudio audio = inbound.orElse(null);
        if (audio == null) {
            dropped.dropped(UNSUPPORTED_AUDIO_FORMAT.kind(), "the stream's sample rate cannot be resampled to 8 kHz");
            return events;
        }
        events.addAll(audio.accept(bytes));
        events.addAll(clock.advanceTo(audio.positionMillis()));
        return events;
    }

    private List<WireMessage> audioOut(Playback sender, AudioOut audio) {
        return DroppedMessage.reportedTo(dropped, () -> {
            return sender.audio(audio);
        });
    }
}
