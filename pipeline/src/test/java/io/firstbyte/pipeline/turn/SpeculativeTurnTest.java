package io.firstbyte.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.agent.AnswerHistory;
import io.firstbyte.pipeline.agent.ConversationHistory;
import io.firstbyte.pipeline.event.TurnEnded;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class SpeculativeTurnTest {

    private static final TurnEnded TURN = new TurnEnded("Book a haircut.", 900);

    @Test
    void heldOutputWaitsForTheReleaseThenFlowsAtOnce() {
        SpeculativeTurn attempt = new SpeculativeTurn("book a haircut");
        StepVerifier.withVirtualTime(() -> attempt.hold(Flux.interval(Duration.ofMillis(100), VirtualTimeScheduler.get()).take(3)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(1))
                .then(() -> attempt.release(new ConversationHistory("system", 10)))
                .expectNext(0L, 1L, 2L)
                .verifyComplete();
    }

    @Test
    void toolExchangesStayOutOfTheHistoryUntilReleasedAndSideEffectsWaitForIt() {
        SpeculativeTurn attempt = new SpeculativeTurn("book a haircut");
        ConversationHistory history = new ConversationHistory("system", 10);
        AnswerHistory view = attempt.history(history.snapshotWith("", "book a haircut"));
        ToolCall lookup = new ToolCall("c1", "check_availability", "{}");
        view.toolExchange(lookup, ToolResult.success(lookup, "{}"));

        assertThat(history.snapshot()).hasSize(1);
        StepVerifier.create(view.sideEffectsAllowed()).expectSubscription().expectNoEvent(Duration.ofMillis(20)).thenCancel().verify();
        history.userSaid("Book a haircut.");
        attempt.release(history);

        assertThat(history.snapshot()).containsExactly(new ChatMessage.System("system"), new ChatMessage.User("Book a haircut."),
                new ChatMessage.Assistant("", List.of(lookup)), new ChatMessage.ToolOutput("c1", "check_availability", "{}"));
        StepVerifier.create(view.sideEffectsAllowed()).verifyComplete();
    }

    @Test
    void anAbandonedOrNeverRunningAnswerCannotBeConfirmed() {
        SpeculativeTurn notRunning = new SpeculativeTurn("book");
        assertThat(notRunning.confirm(TURN)).isFalse();

        SpeculativeTurn abandoned = new SpeculativeTurn("book");
        abandoned.begin();
        abandoned.abandon();
        assertThat(abandoned.confirm(TURN)).isFalse();

        SpeculativeTurn running = new SpeculativeTurn("book");
        running.begin();
        assertThat(running.confirm(TURN)).isTrue();
        running.abandon();
        StepVerifier.create(running.confirmed()).expectNext(TURN).verifyComplete();
    }
}
