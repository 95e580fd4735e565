package io.firstbyte.bench.calls.report;

import java.util.List;
import java.util.Map;

/**
 * The server's own trace of one call: for each turn number it reported, the simulated providers' delay
 * in milliseconds and the overhead the server measured inside itself (from the arrival of the caller's last
 * voiced frame to its first answer frame handed to the connection, minus that delay), and each turn's end as
 * the server decided it.
 */
public record ServerTrace(String callSid, Map<Integer, Double> simulatedDelayMsByTurn, List<TurnEnd> turnEnds,
                          Map<Integer, Double> serverOverheadMsByTurn) {

    /**
     * One turn's end: what the caller said, and from the caller's end of speech to the server's end of
     * turn ({@code turnEndMs}) and to the speech-to-text's final transcript ({@code sttFinalMs}, which on
     * the simulated provider comes with its end of speech); negative when the trace lacks it.
     */
    public record TurnEnd(String transcript, double turnEndMs, double sttFinalMs) {
    }

    public ServerTrace {
        simulatedDelayMsByTurn = Map.copyOf(simulatedDelayMsByTurn);
        turnEnds = List.copyOf(turnEnds);
        serverOverheadMsByTurn = Map.copyOf(serverOverheadMsByTurn);
    }

    /** A trace without the server's own overhead figures. */
    public ServerTrace(String callSid, Map<Integer, Double> simulatedDelayMsByTurn, List<TurnEnd> turnEnds) {
        this(callSid, simulatedDelayMsByTurn, turnEnds, Map.of());
    }

    /** A trace without turn ends. */
    public ServerTrace(String callSid, Map<Integer, Double> simulatedDelayMsByTurn) {
        this(callSid, simulatedDelayMsByTurn, List.of());
    }
}
