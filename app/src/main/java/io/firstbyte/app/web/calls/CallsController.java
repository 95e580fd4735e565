package io.firstbyte.app.web.calls;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.call.RecentTraces;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /calls}: the calls in progress; {@code GET /calls/{callId}/trace}: a recent call (kept for
 * the last calls only) with its tenant, gateway, providers, start, end and end reason, and its turns:
 * both sides as heard, tool calls with arguments and results, and each milestone's time;
 * {@code POST /calls/{callId}/hangup}: end a call.
 */
@RestController
public class CallsController {

    private final LiveCalls live;
    private final RecentTraces traces;

    public CallsController(LiveCalls live, RecentTraces traces) {
        this.live = live;
        this.traces = traces;
    }

    @GetMapping("/calls")
    public Map<String, Object> calls() {
        return Map.of("active", live.count(), "calls", live.list());
    }

    @GetMapping("/calls/{callId}/trace")
    public ResponseEntity<RecentTraces.CallTrace> trace(@PathVariable String callId) {
        return traces.call(callId)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PostMapping("/calls/{callId}/hangup")
    public ResponseEntity<Void> hangUp(@PathVariable String callId) {
        return live.hangUp(callId) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

}
