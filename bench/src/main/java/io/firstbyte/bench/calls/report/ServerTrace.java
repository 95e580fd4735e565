package io.firstbyte.bench.calls.report;

import java.util.Map;

/** The server's own trace of one call: for each turn number it reported, the simulated providers' delay in milliseconds. */
public record ServerTrace(String callSid, Map<Integer, Double> simulatedDelayMsByTurn) {

    public ServerTrace {
        simulatedDelayMsByTurn = Map.copyOf(simulatedDelayMsByTurn);
    }
}
