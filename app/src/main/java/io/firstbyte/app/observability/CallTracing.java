package io.firstbyte.app.observability;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import reactor.util.context.Context;

/**
 * One trace per call, when tracing is on: {@link #start} opens the call's span, whose turns become
 * child spans once each turn is traced. {@link #OFF} costs nothing.
 */
public interface CallTracing {

    CallTracing OFF = (call, gateway) -> TracedCall.NONE;

    TracedCall start(CallContext call, String gateway);

    /** One call's trace. */
    interface TracedCall {

        TracedCall NONE = new TracedCall() { };

        /** The call's tenant was looked up: its labels, and the tenant itself ({@code null}: none). */
        default void resolved(CallLabels labels, @org.jspecify.annotations.Nullable String tenantId) {
        }

        /** What the pipeline reports of the call, as spans and span events. */
        default CallObserver observer() {
            return CallObserver.NONE;
        }

        default void ended(String reason) {
        }

        /** Runs {@code logLine} with the call's span current, so its log line carries the trace and span ids. */
        default void log(Runnable logLine) {
            logLine.run();
        }

        /** The call's Reactor context, carrying its span to the threads that run the call. */
        default Context propagate(Context context) {
            return context;
        }
    }
}
