package io.firstbyte.app.call;

import io.firstbyte.pipeline.control.CallLimit;
import io.firstbyte.pipeline.control.ControlledEnd;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.OutboundEvent;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.SignalType;

/**
 * Why one call ended, for its last log line and the {@code firstbyte.calls.ended} meter: a closed
 * set of kinds ({@code caller}, {@code operator}, {@code agent-ended}, {@code caller-silent},
 * {@code transfer}, {@code message-taken}, {@code inbound-silence}, {@code max-duration}, {@code drain},
 * {@code failure}, {@code error}, {@code cancelled}),
 * while the log keeps the pipeline's own words.
 */
final class CallEnd {

    private volatile @Nullable String endCallReason;
    private volatile boolean operator;

    void sent(OutboundEvent event) {
        if (event instanceof EndCall end) {
            endCallReason = end.reason();
        }
    }

    void operatorHungUp() {
        operator = true;
    }

    String kind(SignalType signal) {
        String reason = endCallReason;
        if (reason != null) {
            CallLimit limit = CallLimit.ofReason(reason);
            ControlledEnd controlled = ControlledEnd.ofReason(reason);
            return limit != null ? limit.reason() : controlled != null ? controlled.reason() : "failure";
        }
        if (operator) {
            return "operator";
        }
        return switch (signal) {
            case ON_ERROR -> "error";
            case CANCEL -> "cancelled";
            default -> "caller";
        };
    }

    String describe(SignalType signal) {
        String reason = endCallReason;
        String kind = kind(signal);
        return reason == null || reason.equals(kind) ? kind : kind + ": " + reason;
    }
}
