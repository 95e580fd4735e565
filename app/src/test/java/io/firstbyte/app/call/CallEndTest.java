package io.firstbyte.app.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.event.EndCall;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.SignalType;

/** Why a call ended, as the meter's closed set of kinds and the log's words. */
class CallEndTest {

    private static String kindAfter(String reason) {
        CallEnd end = new CallEnd();
        end.sent(new EndCall(reason));
        return end.kind(SignalType.ON_COMPLETE);
    }

    @Test
    void callControlEndsAreTheirOwnKinds() {
        assertThat(kindAfter("agent-ended")).isEqualTo("agent-ended");
        assertThat(kindAfter("caller-silent")).isEqualTo("caller-silent");
        assertThat(kindAfter("max-duration")).isEqualTo("max-duration");
    }

    @Test
    void aTransferAndATakenMessageAreTheirOwnKinds() {
        assertThat(kindAfter("transfer")).isEqualTo("transfer");
        assertThat(kindAfter("message-taken")).isEqualTo("message-taken");
        CallEnd end = new CallEnd();
        end.sent(new EndCall("transfer", "+15550002222"));
        assertThat(end.describe(SignalType.ON_COMPLETE)).as("no number in the log line").isEqualTo("transfer");
    }

    @Test
    void anyOtherReasonTheCallGaveIsAFailureAndKeepsItsWordsInTheLog() {
        CallEnd end = new CallEnd();
        end.sent(new EndCall("speech-to-text lost"));
        assertThat(end.kind(SignalType.ON_COMPLETE)).isEqualTo("failure");
        assertThat(end.describe(SignalType.ON_COMPLETE)).isEqualTo("failure: speech-to-text lost");
    }

    @Test
    void withoutAnEndFromThePipelineTheCallerHungUp() {
        assertThat(new CallEnd().kind(SignalType.ON_COMPLETE)).isEqualTo("caller");
    }
}
