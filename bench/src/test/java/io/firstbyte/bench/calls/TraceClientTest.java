package io.firstbyte.bench.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.bench.calls.report.ServerTrace;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceClientTest {

    @Test
    void readsEachTurnsSimulatedDelay() {
        String json = """
                {"callSid":"CA1","turns":[
                  {"turn":1,"transcript":"Hi","ttfbMs":812.3,"simulatedDelayMs":790.0,"interrupted":false},
                  {"turn":2,"transcript":"At ten?","ttfbMs":640,"simulatedDelayMs":625,"interrupted":true}]}""";

        assertThat(TraceClient.parse("CA1", json).orElseThrow().simulatedDelayMsByTurn()).isEqualTo(Map.of(1, 790.0, 2, 625.0));
    }

    @Test
    void readsTheOverheadTheServerMeasuredInItselfWhereATurnHasOne() {
        String json = """
                {"turns":[
                  {"turn":1,"ttfbMs":812.3,"simulatedDelayMs":790.0,"overheadMs":22.3},
                  {"turn":2,"ttfbMs":640,"simulatedDelayMs":625}]}""";

        assertThat(TraceClient.parse("CA1", json).orElseThrow().serverOverheadMsByTurn()).isEqualTo(Map.of(1, 22.3));
    }

    @Test
    void readsEachTurnsEndAndTheSpeechToTextsEndOfSpeech() {
        String json = """
                {"turns":[
                  {"turn":1,"transcript":"Hi.","turnEndMs":201.5,"sttFinalMs":250.0,"simulatedDelayMs":790.0},
                  {"turn":2,"transcript":"And","turnEndMs":1000.0,"sttFinalMs":-1},
                  {"turn":3,"transcript":"No end","turnEndMs":null}]}""";

        assertThat(TraceClient.parse("CA1", json).orElseThrow().turnEnds()).containsExactly(
                new ServerTrace.TurnEnd("Hi.", 201.5, 250.0), new ServerTrace.TurnEnd("And", 1000.0, -1));
    }

    @Test
    void aTurnWithoutANumericDelayIsLeftOutNotGuessed() {
        String json = """
                {"turns":[{"turn":1,"simulatedDelayMs":null},{"turn":2},{"turn":3,"simulatedDelayMs":"12"}]}""";

        assertThat(TraceClient.parse("CA1", json).orElseThrow().simulatedDelayMsByTurn()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonGivesNoTrace() {
        assertThat(TraceClient.parse("CA1", "<html>Not Found</html>")).isEmpty();
    }
}
