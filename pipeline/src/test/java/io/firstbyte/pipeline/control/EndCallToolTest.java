package io.firstbyte.pipeline.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.AgentEvent;
import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolCallRequested;
import io.firstbyte.pipeline.event.ToolResultReady;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The agent's hang-up as one answer sees it: the answer stops at the end_call result once it has said something. */
class EndCallToolTest {

    private static final ToolCall END = new ToolCall("call_9", EndCallTool.NAME, "{}");
    private static final AgentEvent RESULT = new ToolResultReady(ToolResult.success(END, EndCallTool.RESULT));

    private final AtomicInteger endings = new AtomicInteger();

    @Test
    void anAnswerThatSaidGoodbyeStopsAtTheHangUpSoNoSecondModelRoundRuns() {
        AtomicInteger secondRound = new AtomicInteger();
        Flux<AgentEvent> answer = Flux.<AgentEvent>just(new ModelTextDelta("Thanks for calling, goodbye! "),
                        new ToolCallRequested(END), new ModelFinished("tool_calls"), RESULT)
                .concatWith(Flux.defer(() -> {
                    secondRound.incrementAndGet();
                    return Flux.just(new ModelTextDelta("Goodbye again!"));
                }));

        StepVerifier.create(EndCallTool.lastWords(answer, endings::incrementAndGet))
                .expectNextCount(3)
                .expectNext(RESULT)
                .verifyComplete();
        assertThat(endings).hasValue(1);
        assertThat(secondRound).as("the model was not asked again").hasValue(0);
    }

    @Test
    void anAnswerThatHungUpWithoutWordsGoesOnForTheGoodbye() {
        Flux<AgentEvent> answer = Flux.just(new ToolCallRequested(END), new ModelFinished("tool_calls"), RESULT,
                new ModelTextDelta("Goodbye!"), new ModelFinished("stop"));

        StepVerifier.create(EndCallTool.lastWords(answer, endings::incrementAndGet))
                .expectNextCount(3)
                .expectNext(new ModelTextDelta("Goodbye!"))
                .expectNextCount(1)
                .verifyComplete();
        assertThat(endings).hasValue(1);
    }

    @Test
    void aFailedHangUpOrAnotherToolDoesNotEndTheCall() {
        ToolCall other = new ToolCall("call_1", "check_availability", "{}");
        Flux<AgentEvent> answer = Flux.just(new ModelTextDelta("One moment. "),
                new ToolResultReady(ToolResult.failure(END, "no")), new ToolResultReady(ToolResult.success(other, "{}")),
                new ModelTextDelta("Tuesday is free."));

        StepVerifier.create(EndCallTool.lastWords(answer, endings::incrementAndGet)).expectNextCount(4).verifyComplete();
        assertThat(endings).hasValue(0);
    }

    @Test
    void theToolOnlyAcknowledgesAndTakesNoArguments() {
        EndCallTool tool = new EndCallTool();
        assertThat(tool.spec().name()).isEqualTo("end_call");
        assertThat(tool.spec().parametersSchema()).contains("\"properties\":{}");
        CallContext context = new CallContext("CA1", "MZ1", "", "", Map.of(), Map.of());
        StepVerifier.create(tool.execute(END, context)).expectNext(EndCallTool.RESULT).verifyComplete();
        StepVerifier.create(tool.execute(END, context)).expectNext(EndCallTool.RESULT).verifyComplete();
    }
}
