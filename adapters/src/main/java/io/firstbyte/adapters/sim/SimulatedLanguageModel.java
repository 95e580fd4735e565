package io.firstbyte.adapters.sim;

import io.firstbyte.adapters.sim.dialogue.BookingDialogue;
import io.firstbyte.adapters.sim.dialogue.Reply;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.llm.ModelRequest;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * A language model that plays a salon receptionist ({@link BookingDialogue}): each reply is a
 * pure function of the request, so calls are independent and runs reproducible. It streams like a
 * hosted model: the first token after {@link LatencyProfile#llmFirstTokenDelay()}, then word
 * tokens at {@link LatencyProfile#llmTokensPerSecond()}, then a tool call (after a short
 * preamble) or the end of the answer. Its waits are reported to the call's
 * {@link SimulatedDelays}; cancelling stops it at once. "Today" is the tenant's date, in the time
 * zone named by the call attribute {@value #TIME_ZONE_ATTRIBUTE}.
 */
public final class SimulatedLanguageModel implements LanguageModel {

    public static final String TIME_ZONE_ATTRIBUTE = "firstbyte.timeZone";
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("America/New_York");

    private final LatencyProfiles profiles;
    private final Clock clock;
    private final Scheduler scheduler;

    public SimulatedLanguageModel(LatencyProfiles profiles, Clock clock, Scheduler scheduler) {
        this.profiles = profiles;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @Override
    public Flux<ModelOutput> stream(ModelRequest request) {
        return Flux.defer(() -> {
            CallContext call = request.call();
            Reply reply = BookingDialogue.reply(request, LocalDate.now(clock.withZone(timeZone(call))));
            TokenPacer pacer = new TokenPacer(profiles.forCall(call), scheduler,
                    call.attribute(SimulatedDelays.ATTRIBUTE, SimulatedDelays.class));
            return pacer.pace(reply, CallRandom.of(call, "llm", request.messages().size()));
        });
    }

    static ZoneId timeZone(CallContext call) {
        String zone = call.attribute(TIME_ZONE_ATTRIBUTE, String.class);
        try {
            return zone == null ? DEFAULT_TIME_ZONE : ZoneId.of(zone);
        } catch (DateTimeException unknownZone) {
            return DEFAULT_TIME_ZONE;
        }
    }
}
