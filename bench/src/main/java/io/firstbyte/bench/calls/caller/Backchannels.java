package io.firstbyte.bench.calls.caller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a backchannelling caller says while the agent answers: one of {@code words} (in turn, e.g.
 * "Mm-hmm.", "Okay.") {@code delay} after each answer started playing, each {@code length} long,
 * during the answers to every turn but the last and the one the caller interrupts. The server's
 * simulated speech-to-text hears them (and each part of a line with pauses) as utterances of their own,
 * so its script has them in order.
 */
public record Backchannels(List<String> words, Duration delay, Duration length) {

    public static final Backchannels NONE = new Backchannels(List.of(), Duration.ofMillis(800), Duration.ofMillis(360));

    public Backchannels {
        words = List.copyOf(words);
        if (words.stream().anyMatch(word -> word.isBlank() || word.contains("|"))) {
            throw new IllegalArgumentException("a backchannel must be a word or two, without '|'");
        }
        if (length.toMillis() < 60) {
            throw new IllegalArgumentException("a backchannel must last at least 60 ms, the VAD's shortest speech");
        }
    }

    /** What the caller says during the answer to {@code turn} (1-based), if anything. */
    public Optional<String> during(int turn, CallerScript script) {
        boolean said = !words.isEmpty() && turn >= 1 && turn < script.lines().size() && turn != script.bargeInTurn();
        return said ? Optional.of(words.get((turn - 1) % words.size())) : Optional.empty();
    }

    /** Every utterance the server hears, in order: each line, then the backchannel said during its answer. */
    public String serverLines(CallerScript script) {
        List<String> heard = new ArrayList<>();
        for (int turn = 1; turn <= script.lines().size(); turn++) {
            heard.add(CallerScript.serverLines(script.lines().get(turn - 1)));
            during(turn, script).ifPresent(heard::add);
        }
        return String.join("|", heard);
    }

    /** The backchannels as audio, by the turn whose answer they go into. */
    public Map<Integer, Utterance> spoken(CallerScript script) {
        Map<Integer, Utterance> spoken = new TreeMap<>();
        for (int turn = 1; turn < script.lines().size(); turn++) {
            int answer = turn;
            during(turn, script).ifPresent(word -> spoken.put(answer, Utterance.of(word, length)));
        }
        return Map.copyOf(spoken);
    }
}
