package io.firstbyte.adapters.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.tool.ToolCall;
import org.junit.jupiter.api.Test;

class ToolCallAssemblerTest {

    private final ToolCallAssembler assembler = new ToolCallAssembler();

    @Test
    void argumentPiecesOfOneIndexAreConcatenatedInOrder() {
        assembler.add(0, 0, "call_1", "book", "");
        assembler.add(0, 0, null, null, "{\"a\":");
        assembler.add(0, 0, null, null, "1}");

        assertThat(assembler.drain()).containsExactly(new ToolCall("call_1", "book", "{\"a\":1}"));
        assertThat(assembler.isEmpty()).isTrue();
    }

    @Test
    void aMissingIndexMeansThePositionInTheDelta() {
        assembler.add(null, 0, "call_1", "book", "{}");
        assembler.add(null, 1, "call_2", "cancel", "{}");

        assertThat(assembler.drain()).extracting(ToolCall::id).containsExactly("call_1", "call_2");
    }

    @Test
    void wholeCallsSentOneByOneAtTheSameIndexStayApart() {
        assembler.add(null, 0, "call_1", "book", "{\"x\":1}");
        assembler.add(null, 0, "call_2", "book", "{\"x\":2}");

        assertThat(assembler.drain()).containsExactly(new ToolCall("call_1", "book", "{\"x\":1}"),
                new ToolCall("call_2", "book", "{\"x\":2}"));
    }

    @Test
    void aNameRepeatedInEveryFragmentIsNotDoubled() {
        assembler.add(0, 0, "call_1", "book", "{");
        assembler.add(0, 0, null, "book", "}");

        assertThat(assembler.drain()).containsExactly(new ToolCall("call_1", "book", "{}"));
    }

    @Test
    void aCallWithoutIdOrArgumentsGetsAGeneratedIdAndEmptyObject() {
        assembler.add(0, 0, null, "next_slot", null);

        assertThat(assembler.drain()).containsExactly(new ToolCall("call_generated_1", "next_slot", "{}"));
    }
}
