package io.firstbyte.app.web.calls;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.call.RecentTraces;
import io.firstbyte.app.capacity.CallAdmission;
import io.firstbyte.app.cluster.ClusterCalls;
import io.firstbyte.app.cluster.OwnerForward;
import io.firstbyte.app.cluster.ThisInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /calls}: the calls in progress on every instance sharing Redis; {@code GET
 * /calls/{callId}/trace}: a recent call (kept for the last calls only) with its tenant, gateway,
 * providers, start, end and end reason, and its turns: both sides as heard, tool calls with arguments
 * and results, and each milestone's time; {@code POST /calls/{callId}/hangup}: end a call. Whichever
 * instance receives a trace or hang-up request, it reaches the instance that holds the call: answered
 * here when the call is this instance's, else forwarded to its owner. When Redis does not answer,
 * {@code /calls} lists this instance's calls only and says so ({@code "complete": false}).
 */
@RestController
public class CallsController {

    private final LiveCalls live;
    private final RecentTraces traces;
    private final ClusterCalls cluster;
    private final OwnerForward forward;
    private final ThisInstance self;
    private final CallAdmission admission;

    public CallsController(LiveCalls live, RecentTraces traces, ClusterCalls cluster, OwnerForward forward, ThisInstance self,
                           CallAdmission admission) {
        this.live = live;
        this.traces = traces;
        this.cluster = cluster;
        this.forward = forward;
        this.self = self;
        this.admission = admission;
    }

    @GetMapping("/calls")
    public Mono<Map<String, Object>> calls() {
        return cluster.view()
                .map(view -> page(view, true))
                .onErrorResume(error -> Mono.just(page(new ClusterCalls.View(List.of(), List.of()), false)));
    }

    /** This instance's own calls and state are authoritative; the registry adds the others'. */
    private Map<String, Object> page(ClusterCalls.View view, boolean complete) {
        List<ClusterCalls.InstanceView> instances = new ArrayList<>(view.instances().stream()
                .filter(instance -> !instance.id().equals(self.id())).toList());
        instances.add(new ClusterCalls.InstanceView(self.id(), self.url() == null ? "" : self.url(), live.count(),
                admission.capacity(), admission.draining()));
        List<ClusterCalls.ClusterCall> calls = new ArrayList<>(view.calls().stream()
                .filter(call -> !call.instance().equals(self.id())).toList());
        live.list().forEach(call -> calls.add(ClusterCalls.ClusterCall.of(call, self.id())));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("active", calls.size());
        page.put("calls", calls);
        page.put("instances", instances);
        page.put("instance", self.id());
        page.put("complete", complete);
        return page;
    }

    @GetMapping("/calls/{callId}/trace")
    public Mono<ResponseEntity<?>> trace(@PathVariable String callId,
                                         @RequestHeader(name = OwnerForward.FORWARDED_BY, required = false) @Nullable String forwardedBy) {
        return traces.call(callId)
                .<Mono<ResponseEntity<?>>>map(call -> Mono.just(ResponseEntity.ok(call)))
                .orElseGet(() -> atOwner(callId, forwardedBy, HttpMethod.GET, "/calls/{id}/trace"));
    }

    @PostMapping("/calls/{callId}/hangup")
    public Mono<ResponseEntity<?>> hangUp(@PathVariable String callId,
                                          @RequestHeader(name = OwnerForward.FORWARDED_BY, required = false) @Nullable String forwardedBy) {
        return live.hangUp(callId)
                ? Mono.just(ResponseEntity.noContent().build())
                : atOwner(callId, forwardedBy, HttpMethod.POST, "/calls/{id}/hangup");
    }

    /** A call this instance does not hold: its owner's answer, or 404 when no instance alive holds it. */
    private Mono<ResponseEntity<?>> atOwner(String callId, @Nullable String forwardedBy, HttpMethod method, String path) {
        if (forwardedBy != null) {
            return Mono.just(ResponseEntity.notFound().build());
        }
        return cluster.owner(callId)
                .filter(owner -> !owner.id().equals(self.id()))
                .<ResponseEntity<?>>flatMap(owner -> forward.forward(owner, method, path, callId))
                .defaultIfEmpty(ResponseEntity.notFound().build())
                .onErrorResume(error -> Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("error", "the call is not on this instance, and the call registry (Redis) did not answer"))));
    }
}
