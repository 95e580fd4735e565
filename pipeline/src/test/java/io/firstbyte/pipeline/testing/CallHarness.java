package io.firstbyte.pipeline.testing;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.control.CallLimit;
import io.firstbyte.pipeline.graph.CallPipeline;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.HangUp;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkPlayed;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.Scannable;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Drives one call through a {@link CallPipeline} in virtual time, as a gateway would: caller audio
 * every 20 ms (speech or silence), and a caller-side playback model that echoes each mark when the
 * audio before it has played and flushes everything on an interruption (Twilio's semantics).
 */
public final class CallHarness implements AutoCloseable {

    private static final byte[] SILENCE = filled((byte) 0xFF);
    private static final byte[] SPEECH = tone();
    /** A second of frames not taken: the call has stopped reading the caller. */
    private static final int STALLED_FRAMES = 50;

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final Sinks.Many<InboundEvent> inbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<CallLimit> endRequested = Sinks.one();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<TurnTrace> traces = new CopyOnWriteArrayList<>();
    private final List<Long> bargeInNanos = new CopyOnWriteArrayList<>();
    private final List<Long> bargeInHeardNanos = new CopyOnWriteArrayList<>();
    private final List<String> humanRequests = new CopyOnWriteArrayList<>();
    private final Deque<Object[]> playback = new ArrayDeque<>();
    private final CallPipeline pipeline;
    private long audioClockMillis;
    private long playbackEndsAt;
    private volatile boolean completed;
    private Disposable call = reactor.core.Disposables.composite();

    /** One outbound event and the virtual time (ms) it left the pipeline. */
    public record Sent(long atMillis, OutboundEvent event) {
    }

    public CallHarness(Function<Scheduler, CallPipeline> pipeline) {
        this.pipeline = pipeline.apply(time);
    }

    public Scheduler scheduler() {
        return time;
    }

    public CallHarness start() {
        return start(Map.of());
    }

    /** Starts the call with these call attributes (what a transport may add, such as its own pacer lead). */
    public CallHarness start(Map<String, Object> attributes) {
        CallContext context = new CallContext("CA-test", "MZ-test", "+15550001111", "+15550100100", Map.of(), attributes);
        CallObserver observer = new CallObserver() {
            @Override
            public void turnTraced(TurnTrace trace) {
                traces.add(trace);
            }

            @Override
            public void bargeIn(long nanos) {
                bargeInNanos.add(nanos);
            }

            @Override
            public void bargeInHeard(long nanos) {
                bargeInHeardNanos.add(nanos);
            }

            @Override
            public void humanRequested(String key) {
                humanRequests.add(key);
            }
        };
        call = pipeline.run(context, inbound.asFlux(), observer, endRequested.asMono())
                .subscribe(this::received, error -> completed = true, () -> completed = true);
        return this;
    }

    public CallHarness speak(Duration duration) {
        return frames(duration, SPEECH);
    }

    public CallHarness silence(Duration duration) {
        return frames(duration, SILENCE);
    }

    /**
     * The caller's frame clock stalls for {@code stall}, then sends what it owed at once: one voiced
     * frame (the last of its speech) and silence up to the present, so those frames arrive late, in a
     * burst, and the frames after them on time again.
     */
    public CallHarness lastSpeechFrameLate(Duration stall) {
        time.advanceTimeBy(stall);
        echoPlayedMarks();
        long owed = stall.toMillis() / 20;
        for (long frame = 0; frame < owed; frame++) {
            inbound.tryEmitNext(new AudioIn((frame == 0 ? SPEECH : SILENCE).clone(), AudioFormat.MULAW_8K, audioClockMillis));
            audioClockMillis += 20;
        }
        time.advanceTime();
        return this;
    }

    /** Nothing at all arrives from the caller for {@code duration}: the line went dead without closing. */
    public CallHarness deadLine(Duration duration) {
        time.advanceTimeBy(duration);
        echoPlayedMarks();
        return this;
    }

    /** The server asks the call to end (as a draining server does once its drain timeout passed). */
    public CallHarness endRequested(CallLimit limit) {
        endRequested.tryEmitValue(limit);
        time.advanceTime();
        return this;
    }

    /** The caller presses {@code keys} on the keypad, one every {@code between}, silence frames flowing meanwhile. */
    public CallHarness press(String keys, Duration between) {
        for (char key : keys.toCharArray()) {
            inbound.tryEmitNext(new Dtmf(String.valueOf(key)));
            silence(between);
        }
        return this;
    }

    public CallHarness hangUp() {
        inbound.tryEmitNext(new HangUp("stop"));
        time.advanceTime();
        return this;
    }

    public CallHarness disconnect() {
        inbound.tryEmitComplete();
        time.advanceTime();
        return this;
    }

    private CallHarness frames(Duration duration, byte[] frame) {
        for (long t = 0; t < duration.toMillis(); t += 20) {
            inbound.tryEmitNext(new AudioIn(frame.clone(), AudioFormat.MULAW_8K, audioClockMillis));
            audioClockMillis += 20;
            time.advanceTimeBy(Duration.ofMillis(20));
            echoPlayedMarks();
            assertTakingFrames();
        }
        return this;
    }

    /**
     * Every test's call is also held to this: the call takes the caller's events as they come. Its
     * inbound graph fans each event out to several watchers, and one that stops asking would hold back
     * all of them (the call would go deaf, then end for inbound silence) while the frames pile up here.
     */
    private void assertTakingFrames() {
        Integer waiting = inbound.scan(Scannable.Attr.BUFFERED);
        if (!completed && waiting != null && waiting > STALLED_FRAMES) {
            throw new AssertionError("the call stopped taking the caller's events: " + waiting + " are waiting");
        }
    }

    private synchronized void received(OutboundEvent event) {
        long now = time.now(TimeUnit.MILLISECONDS);
        sent.add(new Sent(now, event));
        switch (event) {
            case AudioOut frame -> {
                playbackEndsAt = Math.max(playbackEndsAt, now) + 20;
                playback.add(new Object[] {playbackEndsAt, null});
            }
            case MarkSent mark -> playback.add(new Object[] {playbackEndsAt, mark.name()});
            case Interruption interruption -> {
                List<String> flushed = playback.stream().map(entry -> (String) entry[1]).filter(name -> name != null).toList();
                playback.clear();
                playbackEndsAt = now;
                flushed.forEach(name -> inbound.tryEmitNext(new MarkPlayed(name)));
            }
            default -> { }
        }
    }

    private synchronized void echoPlayedMarks() {
        long now = time.now(TimeUnit.MILLISECONDS);
        while (!playback.isEmpty() && (long) playback.peek()[0] <= now) {
            String mark = (String) playback.poll()[1];
            if (mark != null) {
                inbound.tryEmitNext(new MarkPlayed(mark));
            }
        }
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<OutboundEvent> events() {
        return sent.stream().map(Sent::event).toList();
    }

    public List<TurnTrace> traces() {
        return List.copyOf(traces);
    }

    public List<Long> bargeInNanos() {
        return List.copyOf(bargeInNanos);
    }

    /** Each barge-in's time from the caller's speech onset to the last agent audio sent. */
    public List<Long> bargeInHeardNanos() {
        return List.copyOf(bargeInHeardNanos);
    }

    /** The keys the observer was told asked for a person. */
    public List<String> humanRequests() {
        return List.copyOf(humanRequests);
    }

    /** When (virtual ms) the caller's playback of everything sent so far ends. */
    public synchronized long playbackEndsAtMillis() {
        return playbackEndsAt;
    }

    public long nowMillis() {
        return time.now(TimeUnit.MILLISECONDS);
    }

    public boolean completed() {
        return completed;
    }

    @Override
    public void close() {
        call.dispose();
        time.dispose();
    }

    private static byte[] filled(byte value) {
        byte[] frame = new byte[160];
        Arrays.fill(frame, value);
        return frame;
    }

    private static byte[] tone() {
        byte[] frame = new byte[160];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = G711.linearToMulaw((int) (8000 * Math.sin(2 * Math.PI * 400 * i / 8000.0)));
        }
        return frame;
    }

    /** Frames of agent audio the caller received that carry the given clause's marker byte. */
    public static long framesOfClause(List<OutboundEvent> events, int clauseIndex) {
        return events.stream().filter(e -> e instanceof AudioOut out && out.audio()[0] == (byte) clauseIndex).count();
    }

    static <T> List<T> copy(List<T> list) {
        return new ArrayList<>(list);
    }
}
