package io.firstbyte.adapters.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.sim.dialogue.BookingDialogue;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolCallRequested;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.llm.ModelRequest;
import io.firstbyte.pipeline.tool.ToolSpec;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class SimulatedLanguageModelTest {

    /** 22:00 on Monday 23 November in New York, already Tuesday in London. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T03:00:00Z"), ZoneOffset.UTC);
    private static final LatencyProfile EXACT = new LatencyProfile(Duration.ofMillis(250), Duration.ofMillis(250),
            Duration.ofMillis(300), 10, Duration.ofMillis(100), 0.25, 0);
    private static final LatencyProfiles PROFILES = LatencyProfiles.builtIn().with(Map.of("exact", EXACT));
    private static final List<ToolSpec> TOOLS = List.of(new ToolSpec("check_availability", "free slots of a day", "{}"));

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final TrackingScheduler timers = new TrackingScheduler(time);
    private final SimulatedLanguageModel model = new SimulatedLanguageModel(PROFILES, CLOCK, timers);
    private final SimulatedDelays delays = new SimulatedDelays();

    @Test
    void theFirstTokenComesAfterTheFirstTokenDelayAndTheRestAtTheTokenRate() {
        StepVerifier.withVirtualTime(() -> model.stream(request(Map.of("profile", "exact"), List.of())), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(299))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new ModelTextDelta("Hello, "))
                .expectNoEvent(Duration.ofMillis(99))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new ModelTextDelta("thanks "))
                .thenAwait(Duration.ofMillis(800))
                .expectNext(new ModelTextDelta("for "), new ModelTextDelta("calling. "), new ModelTextDelta("How "),
                        new ModelTextDelta("can "), new ModelTextDelta("I "), new ModelTextDelta("help "),
                        new ModelTextDelta("you "), new ModelTextDelta("today?"), new ModelFinished("stop"))
                .expectComplete()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void aTimerThatFiresLateDoesNotDelayTheTokensAfterIt() {
        SimulatedLanguageModel onBusyMachine = new SimulatedLanguageModel(PROFILES, CLOCK,
                new TrackingScheduler(time, Duration.ofMillis(5)));
        // Every timer fires 5 ms late; the tenth token is still due 300 + 9 x 100 ms after the request.
        StepVerifier.withVirtualTime(() -> onBusyMachine.stream(request(Map.of("profile", "exact"), List.of())),
                        () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(1199))
                .expectNextCount(9)
                .expectNoEvent(Duration.ofMillis(5))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new ModelTextDelta("today?"), new ModelFinished("stop"))
                .expectComplete()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void aRateOfZeroSendsTheWholeAnswerInOneDelta() {
        LatencyProfiles oneShot = PROFILES.with(Map.of("exact", new LatencyProfile(Duration.ofMillis(250), Duration.ofMillis(250),
                Duration.ofMillis(300), 0, Duration.ofMillis(100), 0.25, 0)));
        var oneShotModel = new SimulatedLanguageModel(oneShot, CLOCK, time);

        StepVerifier.withVirtualTime(() -> oneShotModel.stream(request(Map.of("profile", "exact"), List.of())), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(299))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new ModelTextDelta(BookingDialogue.GREETING), new ModelFinished("stop"))
                .expectComplete()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void aToolCallFollowsItsPreambleAndFinishesWithToolCalls() {
        List<ModelOutput> outputs = collect(request(Map.of("profile", "exact"),
                List.of(new ChatMessage.User("A haircut tomorrow please."))));

        assertThat(outputs).filteredOn(ModelTextDelta.class::isInstance).extracting(o -> ((ModelTextDelta) o).text())
                .containsExactly("Let ", "me ", "check ", "that ", "for ", "you.");
        assertThat(outputs.get(outputs.size() - 2)).isInstanceOfSatisfying(ToolCallRequested.class, requested ->
                assertThat(requested.call().arguments()).isEqualTo("{\"service\":\"Haircut\",\"date\":\"2026-11-24\"}"));
        assertThat(outputs.getLast()).isEqualTo(new ModelFinished("tool_calls"));
    }

    @Test
    void todayIsTheTenantsDateInItsTimeZone() {
        CallContext london = call(Map.of("profile", "exact")).withAttribute(SimulatedLanguageModel.TIME_ZONE_ATTRIBUTE, "Europe/London");
        ModelRequest request = new ModelRequest(london, List.of(new ChatMessage.User("A haircut tomorrow please.")), TOOLS);

        List<ModelOutput> outputs = collect(request);

        assertThat(outputs).filteredOn(ToolCallRequested.class::isInstance)
                .singleElement().extracting(o -> ((ToolCallRequested) o).call().arguments())
                .isEqualTo("{\"service\":\"Haircut\",\"date\":\"2026-11-25\"}");
    }

    @Test
    void reportsEachDeliberateWaitToTheCallsSimulatedDelays() {
        delays.openTurn();

        collect(request(Map.of("profile", "exact"), List.of()));

        // the first token after 300 ms, then nine more tokens 100 ms apart
        assertThat(delays.closeTurn()).isEqualTo(Duration.ofMillis(300 + 9 * 100).toNanos());
    }

    @Test
    void cancellingStopsTheAnswerAndItsTimersAtOnce() {
        List<ModelOutput> seen = new CopyOnWriteArrayList<>();
        Disposable subscription = model.stream(request(Map.of("profile", "exact"), List.of())).subscribe(seen::add);
        time.advanceTimeBy(Duration.ofMillis(450));

        subscription.dispose();
        time.advanceTimeBy(Duration.ofSeconds(5));

        assertThat(seen).containsExactly(new ModelTextDelta("Hello, "), new ModelTextDelta("thanks "));
        assertThat(timers.pendingTasks()).isZero();
    }

    @Test
    void theJitterParameterOverridesTheProfilesJitter() {
        StepVerifier.withVirtualTime(() -> model.stream(request(Map.of("profile", "typical-cloud", "jitter", "0"), List.of())),
                        () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(349))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new ModelTextDelta("Hello, "))
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    private List<ModelOutput> collect(ModelRequest request) {
        List<ModelOutput> seen = new CopyOnWriteArrayList<>();
        model.stream(request).subscribe(seen::add);
        time.advanceTimeBy(Duration.ofSeconds(30));
        return seen;
    }

    private ModelRequest request(Map<String, String> parameters, List<ChatMessage> conversation) {
        return new ModelRequest(call(parameters), conversation, TOOLS);
    }

    private CallContext call(Map<String, String> parameters) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SimulatedDelays.ATTRIBUTE, delays);
        return new CallContext("call-1", "stream-1", "+15550001111", "+15550002222", parameters, attributes);
    }
}
