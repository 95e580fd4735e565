package io.firstbyte.app.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolException;
import io.firstbyte.pipeline.tool.ToolResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * What take_message refuses before anything is stored (each refusal a sentence the model can act on),
 * and that only a stored message ends the call.
 */
class TakeMessageToolTest {

    @SuppressWarnings("DataFlowIssue")
    private final TakeMessageTool tool = new TakeMessageTool(new MessageStore(null), () -> { });
    private final CallContext call = new CallContext("CA1", "MZ1", "+15550001111", "+15550100100", Map.of(),
            Map.of(TenantInfo.CONTEXT_ATTRIBUTE, "0d3e5a10-0000-4000-a000-000000000001"));

    private void refused(CallContext context, String arguments, String because) {
        StepVerifier.create(tool.execute(new ToolCall("call_m", TakeMessageTool.NAME, arguments), context))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ToolException.class).hasMessageContaining(because))
                .verify();
    }

    @Test
    void theMessageAndItsSummaryAreRequired() {
        refused(call, "{\"summary\":\"Late\"}", "message is required");
        refused(call, "{\"message\":\"I am late\",\"summary\":\"  \"}", "summary is required");
    }

    @Test
    void unknownArgumentsOverlongTextAndAnUnreadableCallbackNumberAreRefused() {
        refused(call, "{\"message\":\"x\",\"summary\":\"y\",\"tenant\":\"other\"}", "unexpected argument");
        refused(call, "{\"message\":\"" + "x".repeat(2001) + "\",\"summary\":\"y\"}", "too long");
        refused(call, "{\"message\":\"x\",\"summary\":\"y\",\"callback_number\":\"call me maybe\"}", "callback_number");
        refused(call, "{\"message\":1,\"summary\":\"y\"}", "must be text");
        refused(call, "not json", "not valid JSON");
    }

    @Test
    void aCallWithoutABusinessCannotLeaveAMessage() {
        refused(new CallContext("CA1", "MZ1", "+15550001111", "+15559999999", Map.of(), Map.of()),
                "{\"message\":\"x\",\"summary\":\"y\"}", "no business");
    }

    @Test
    void onlyAStoredMessageEndsTheCall() {
        ToolCall take = new ToolCall("call_m", TakeMessageTool.NAME, "{}");
        assertThat(tool.endsCall(ToolResult.success(take, TakeMessageTool.TAKEN))).isEqualTo("message-taken");
        assertThat(tool.endsCall(ToolResult.failure(take, "message is required"))).isNull();
    }
}
