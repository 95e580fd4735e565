package io.firstbyte.app.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.fakes.openai.PromptOnlyAgent;
import io.firstbyte.fakes.openai.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The prompt-only fake model: what the builder writes is all it needs, and a prompt lacking a fact fails its turn. */
class PromptOnlyAgentTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static RecordedRequest request(String systemPrompt, String callerSaid) {
        ObjectNode body = JSON.createObjectNode().put("model", "fake-model");
        body.putArray("messages").add(JSON.createObjectNode().put("role", "system").put("content", systemPrompt))
                .add(JSON.createObjectNode().put("role", "user").put("content", callerSaid));
        return new RecordedRequest("POST", "/v1/chat/completions", Map.of(), JSON.writeValueAsString(body), 0);
    }

    @Test
    void fromTheBuiltPromptAloneTomorrowAtThreeBecomesACheckOfTomorrowsDate() {
        TenantInfo tenant = CallPromptBuilderTest.berlin(null, null, null);
        String prompt = CallPromptBuilderTest.at("2026-12-05T23:30:00Z").build(tenant, CallPromptBuilderTest.salon(tenant), "")
                .systemPrompt();
        PromptOnlyAgent agent = new PromptOnlyAgent(Duration.ZERO, Duration.ZERO);

        FakeReply reply = agent.apply(request(prompt, "Could I get a haircut tomorrow at three?"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("check_availability", "\\\"date\\\":\\\"2026-12-07\\\"");
        assertThat(agent.problems()).isEmpty();
    }

    @Test
    void aCallerWhoAsksToMoveOrCancelGetsTheBookingIdFromTheEarlierAnswerNeverOneTheySaid() {
        TenantInfo tenant = CallPromptBuilderTest.berlin(null, null, null);
        String prompt = CallPromptBuilderTest.at("2026-12-05T18:30:00Z").build(tenant, CallPromptBuilderTest.salon(tenant), "")
                .systemPrompt();
        ObjectNode body = JSON.createObjectNode().put("model", "fake-model");
        body.putArray("messages").add(JSON.createObjectNode().put("role", "system").put("content", prompt))
                .add(JSON.createObjectNode().put("role", "tool").put("tool_call_id", "call_1")
                        .put("content", "{\"status\":\"confirmed\",\"booking_id\":\"b-42\"}"))
                .add(JSON.createObjectNode().put("role", "user").put("content", "Please move it to Wednesday at four."));
        PromptOnlyAgent agent = new PromptOnlyAgent(Duration.ZERO, Duration.ZERO);

        String moved = agent.apply(new RecordedRequest("POST", "/v1/chat/completions", Map.of(), body.toString(), 0)).body();
        ((ObjectNode) body.path("messages").get(2)).put("content", "Actually, cancel it please.");
        String cancelled = agent.apply(new RecordedRequest("POST", "/v1/chat/completions", Map.of(), body.toString(), 0)).body();

        assertThat(moved).contains("reschedule_booking", "b-42", "2026-12-09T16:00");
        assertThat(cancelled).contains("cancel_booking", "b-42");
    }

    @Test
    void aPromptWithoutTodaysDateOrServicesFailsTheTurn() {
        PromptOnlyAgent agent = new PromptOnlyAgent(Duration.ZERO, Duration.ZERO);

        FakeReply reply = agent.apply(request("You are a friendly receptionist. You answer the phone for Salon Mara.",
                "Could I get a haircut tomorrow at three?"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(agent.problems()).containsExactly("the system prompt does not say today's date, the opening hours, the services");
    }
}
