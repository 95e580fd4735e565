package io.firstbyte.bench.calls.caller;

import io.firstbyte.bench.calls.wire.GatewayWire;
import io.firstbyte.bench.calls.wire.ServerMessage;
import io.firstbyte.pipeline.transport.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * One simulated caller on a gateway's media connection ({@link GatewayWire}; Twilio by default):
 * sends the gateway's opening messages, then 20 ms of audio per 20 ms of stream time (its
 * script's speech, silence in between, the script's background noise under both), plays the server's audio through a {@link Playback},
 * acknowledges marks the way the gateway does, honours the clear (or, on a gateway without one,
 * times the server's ceasing to send), and ends with the gateway's hang-up. A line with mid-sentence
 * pauses counts as ended early when answer audio arrives after its first pause began ({@link PausedLineResult}). Driven from outside:
 * {@link #tick} by a shared clock, {@link #onMessage} by the connection, both with the caller's
 * clock reading in nanoseconds. Thread-safe (one lock per call).
 */
public final class CallSession {

    /** Where the caller's messages go. */
    public interface Outbound {

        /** What became of one message: queued, refused by a full queue, or refused because the connection has ended. */
        enum Sent { QUEUED, QUEUE_FULL, CONNECTION_CLOSED }

        Sent send(WireMessage message);

        void complete();
    }

    private enum Phase { NEW, LISTENING, SPEAKING, DONE }

    static final long FRAME_NANOS = 20_000_000;
    /** A gap between ticks this long means the caller itself was not running (ticks come every few ms). */
    static final long STALL_NANOS = 250_000_000;
    private static final byte[] SILENCE = Utterance.silence();

    private final SpokenScript script;
    private final CallerTiming timing;
    private final GatewayWire wire;
    private final Outbound outbound;
    private final Playback playback = new Playback();
    private final BargeInTimer bargeIn;
    private final Map<Integer, Utterance> backchannels;
    private final Duration backchannelDelay;
    private final BackchannelMeter backchannelMeter = new BackchannelMeter();
    private @Nullable Utterance aside;
    private int asideFrame;
    private int lastAsideTurn = -1;
    private final CallErrors errors = new CallErrors();
    private final long[] speechEnd;
    private final long[] ttfb;
    private Phase phase = Phase.NEW;
    private boolean completed;
    private long streamStart;
    private long framesSent;
    private long lastTick = -1;
    private AnswerWait wait;
    private int speakingTurn;
    private int frameIndex;
    private int interruptedTurn;
    private boolean interruptingLine;
    private final boolean[] endedEarly;
    private final List<PausedLineResult> pausedLines = new ArrayList<>();

    public CallSession(SpokenScript script, CallerTiming timing, GatewayWire wire, Outbound outbound) {
        this(script, Map.of(), Duration.ZERO, timing, wire, outbound);
    }

    /**
     * A caller that also says {@code backchannels} (by the turn whose answer they go into)
     * {@code backchannelDelay} after each of those answers started playing.
     */
    public CallSession(SpokenScript script, Map<Integer, Utterance> backchannels, Duration backchannelDelay,
                       CallerTiming timing, GatewayWire wire, Outbound outbound) {
        this.backchannels = Map.copyOf(backchannels);
        this.backchannelDelay = backchannelDelay;
        this.script = script;
        this.timing = timing;
        this.wire = wire;
        this.outbound = outbound;
        this.bargeIn = new BargeInTimer(wire.clearsByStopping());
        this.speechEnd = new long[script.turns()];
        this.ttfb = new long[script.turns()];
        this.endedEarly = new boolean[script.turns()];
        Arrays.fill(ttfb, -1);
        this.wait = new AnswerWait(0, 0, false, timing);
    }

    public String callSid() {
        return wire.callId();
    }

    public GatewayWire wire() {
        return wire;
    }

    /** The stream is open: send the gateway's opening messages, then listen for a greeting. */
    public synchronized void start(long now) {
        if (phase != Phase.NEW) {
            return;
        }
        streamStart = now;
        wait = new AnswerWait(0, now, false, timing);
        phase = Phase.LISTENING;
        send(wire.opening());
    }

    /** Sends every frame due by {@code now} and echoes the marks whose audio has played. */
    public synchronized void tick(long now) {
        if (phase == Phase.NEW || phase == Phase.DONE) {
            return;
        }
        if (lastTick >= 0 && now - lastTick >= STALL_NANOS) {
            wait.callerResumed(now);
        }
        lastTick = now;
        echo(playback.reachedMarks(now));
        while (phase != Phase.DONE && framesSent * FRAME_NANOS <= now - streamStart) {
            sendFrame(now);
        }
    }

    public synchronized void onMessage(ServerMessage message, long now) {
        if (phase == Phase.NEW || phase == Phase.DONE) {
            return;
        }
        switch (message) {
            case ServerMessage.Media media -> {
                if (ourStream(media.streamSid())) {
                    onAudio(media.audioBytes(), now);
                }
            }
            case ServerMessage.Mark mark -> {
                if (ourStream(mark.streamSid())) {
                    playback.mark(mark.name(), now);
                    echo(playback.reachedMarks(now));
                }
            }
            case ServerMessage.Clear clear -> {
                if (ourStream(clear.streamSid())) {
                    bargeIn.clearReceived(now);
                    backchannelMeter.clearReceived();
                    send(wire.cleared(playback.clear(now)));
                }
            }
            case ServerMessage.Ignored ignored -> {
            }
            case ServerMessage.Invalid invalid -> errors.add(ErrorKind.PROTOCOL, invalid.reason());
        }
    }

    /** The connection closed; before the caller's {@code stop} that is an unexpected close. */
    public synchronized void closed() {
        if (phase != Phase.DONE) {
            fail(ErrorKind.UNEXPECTED_CLOSE, "stream closed during turn " + Math.max(1, currentTurn()));
        }
    }

    /** Ends the call with an error (connection failure, timeout…). */
    public synchronized void fail(ErrorKind kind, String detail) {
        errors.add(kind, detail);
        if (phase != Phase.DONE) {
            phase = Phase.DONE;
            outbound.complete();
        }
    }

    public synchronized boolean done() {
        return phase == Phase.DONE;
    }

    public synchronized CallResult result() {
        List<TurnTiming> turns = IntStream.range(0, ttfb.length).mapToObj(i -> new TurnTiming(i + 1, ttfb[i])).toList();
        // A backchannel's pause runs the caller's playback dry on purpose: that silence is measured as
        // the backchannel's, not as an underrun of the pacing.
        List<BackchannelResult> backchannelResults = backchannelMeter.results();
        int pauses = (int) backchannelResults.stream().filter(b -> b.silenceHeardNanos() > 0).count();
        long pauseSilence = backchannelResults.stream().mapToLong(BackchannelResult::silenceHeardNanos).sum();
        return new CallResult(callSid(), completed, turns, bargeIn.attempts(), bargeIn.toClearNanos(),
                bargeIn.audioAfterClear(), playback.underruns() - pauses, playback.underrunDryNanos() - pauseSilence,
                errors.counts(), errors.details(), bargeIn.heardAfterOnsetNanos(), backchannelResults, pausedLines);
    }

    private void sendFrame(long now) {
        if (phase == Phase.LISTENING) {
            decide(now);
        }
        if (phase == Phase.DONE) {
            return;
        }
        byte[] frame = script.noise().under(
                phase == Phase.SPEAKING ? script.line(speakingTurn).frames().get(frameIndex++) : asideOrSilence(),
                framesSent);
        framesSent++;
        send(List.of(wire.audio(frame)));
        if (phase == Phase.SPEAKING && frameIndex == script.line(speakingTurn).frameCount()) {
            endUtterance(now);
        }
    }

    private void decide(long now) {
        if (aside != null || startsBackchannel(now)) {
            return;
        }
        switch (wait.verdict(now, playback.playoutEnd())) {
            case KEEP_LISTENING -> {
            }
            case SPEAK -> beginLine(now, false);
            case BARGE_IN -> beginLine(now, true);
            case NO_ANSWER -> {
                errors.add(ErrorKind.TIMEOUT,
                        "turn " + wait.turn() + ": no answer within " + timing.answerTimeout().toMillis() + " ms");
                beginLine(now, false);
            }
            case ANSWER_TOO_LONG -> {
                errors.add(ErrorKind.TIMEOUT,
                        "turn " + wait.turn() + ": answer still playing after " + timing.longestAnswer().toMillis() + " ms");
                beginLine(now, false);
            }
        }
    }

    /** Says this answer's backchannel once it has played for the backchannel delay, while it still plays. */
    private boolean startsBackchannel(long now) {
        Utterance backchannel = backchannels.get(wait.turn());
        long firstAudio = wait.firstAudio();
        if (backchannel == null || lastAsideTurn == wait.turn() || firstAudio < 0
                || now - firstAudio < backchannelDelay.toNanos() || !playback.playing(now)) {
            return false;
        }
        aside = backchannel;
        asideFrame = 0;
        lastAsideTurn = wait.turn();
        backchannelMeter.started(now);
        return true;
    }

    private byte[] asideOrSilence() {
        Utterance saying = aside;
        if (saying == null) {
            return SILENCE;
        }
        byte[] frame = saying.frames().get(asideFrame++);
        if (asideFrame == saying.frameCount()) {
            aside = null;
        }
        return frame;
    }

    private void beginLine(long now, boolean interrupting) {
        backchannelMeter.close();
        if (interrupting) {
            bargeIn.started(now, playback.playoutEnd());
            interruptedTurn = wait.turn();
        } else if (bargeIn.closeMissedClear()) {
            errors.add(ErrorKind.MISSED_CLEAR, "no clear after the caller interrupted the answer to turn " + interruptedTurn);
        }
        int turn = wait.turn() + 1;
        if (turn > script.turns()) {
            finish();
            return;
        }
        playback.newAnswer();
        interruptingLine = interrupting;
        speakingTurn = turn;
        frameIndex = 0;
        phase = Phase.SPEAKING;
    }

    private void endUtterance(long now) {
        speechEnd[speakingTurn - 1] = now;
        if (!interruptingLine && script.firstPauseFrame(speakingTurn) >= 0) {
            pausedLines.add(new PausedLineResult(speakingTurn, endedEarly[speakingTurn - 1]));
        }
        if (bargeIn.utteranceEnded(now)) {
            // The interrupted answer's tail is not the start of the next answer.
            playback.newAnswer();
        }
        wait = new AnswerWait(speakingTurn, now, script.bargesInAfter(speakingTurn), timing);
        phase = Phase.LISTENING;
    }

    private void onAudio(int bytes, long now) {
        long dryFrom = playback.playoutEnd();
        boolean ranDry = playback.append(bytes, now);
        backchannelMeter.audioReceived(now, ranDry ? now - dryFrom : 0);
        if (phase == Phase.SPEAKING) {
            bargeIn.audioReceived(now, playback.playoutEnd());
            int firstPause = script.firstPauseFrame(speakingTurn);
            if (!interruptingLine && firstPause >= 0 && frameIndex > firstPause) {
                endedEarly[speakingTurn - 1] = true;
            }
            return;
        }
        wait.audioArrived(now);
        int turn = wait.turn();
        if (turn > 0 && ttfb[turn - 1] < 0) {
            ttfb[turn - 1] = now - speechEnd[turn - 1];
        }
    }

    private void finish() {
        backchannelMeter.close();
        send(wire.hangUp());
        if (phase == Phase.DONE) {
            return;
        }
        completed = true;
        phase = Phase.DONE;
        outbound.complete();
    }

    private void send(List<WireMessage> messages) {
        for (WireMessage message : messages) {
            switch (outbound.send(message)) {
                case QUEUED -> { }
                case QUEUE_FULL -> errors.add(ErrorKind.SEND_OVERFLOW, "outbound queue full, message dropped");
                case CONNECTION_CLOSED -> {
                    // The server closed the connection before the connection's end reached the call.
                    closed();
                    return;
                }
            }
        }
    }

    private boolean ourStream(String streamSid) {
        if (streamSid.equals(wire.streamId())) {
            return true;
        }
        errors.add(ErrorKind.PROTOCOL, "message for another streamSid");
        return false;
    }

    private void echo(List<String> marks) {
        for (String name : marks) {
            send(wire.markPlayed(name));
        }
    }

    private int currentTurn() {
        return phase == Phase.SPEAKING ? speakingTurn : wait.turn();
    }
}
