package io.firstbyte.app.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.sim.Scenarios;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The start-up rehearsal against the machine's PostgreSQL and Redis: by the time the context is
 * ready it has played a call through the greeting and the caller's first turn, answered by the agent
 * with its availability tools against the demo salon, through the simulated providers only (the
 * configured language model, a local fake, is never asked for an answer), and left no live call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.security.mode=development", "firstbyte.startup.rehearsal=true", "firstbyte.startup.rehearsal-timeout=120s",
                "firstbyte.call.prompt-catalog-wait=15s", "firstbyte.call.start-resolve-timeout=20s"})
class StartupRehearsalIT {

    static final ItDatabase DATABASE = ItDatabase.create(Clock.systemUTC());
    static final FakeOpenAiServer MODEL = FakeOpenAiServer.start().respondWith(request -> FakeReply.text("Okay. "));

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("firstbyte.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("firstbyte.redis.key-prefix", () -> "fbit" + ThreadLocalRandom.current().nextInt(1_000_000));
        registry.add("firstbyte.providers.llm", () -> "openai");
        registry.add("firstbyte.providers.llm-servers.openai.api-key", () -> "sk-key");
        registry.add("firstbyte.providers.llm-servers.openai.base-url", MODEL::baseUrl);
        registry.add("firstbyte.providers.llm-servers.openai.model", () -> "fake-model");
    }

    @Autowired
    StartupRehearsal rehearsal;

    @Autowired
    LiveCalls live;

    @Test
    void beforeServingTheServerHasPlayedARehearsalCallOnSimulatedProvidersAndKeptNoCall() {
        assertThat(rehearsal.rehearsed()).isTrue();
        TurnTrace turn = rehearsal.rehearsedTurn().orElseThrow();
        assertThat(turn.transcript()).isEqualTo(Scenarios.ALL.get(Scenarios.BOOKING).getFirst());
        assertThat(turn.tools()).extracting(TurnTrace.ToolSpan::name).contains("check_availability");
        assertThat(turn.firstOutboundFrame()).as("the answer was spoken").isNotNegative();
        assertThat(MODEL.requests()).noneMatch(request -> request.path().endsWith("/chat/completions"));
        assertThat(live.count()).isZero();
    }
}
