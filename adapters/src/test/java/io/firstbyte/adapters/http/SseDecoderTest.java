package io.firstbyte.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

    private static List<SseEvent> decode(SseDecoder decoder, String... chunks) {
        List<SseEvent> events = new ArrayList<>();
        for (String chunk : chunks) {
            events.addAll(decoder.accept(chunk.getBytes(StandardCharsets.UTF_8)));
        }
        return events;
    }

    @Test
    void anEventEndsAtABlankLine() {
        assertThat(decode(new SseDecoder(), "data: {\"a\":1}\n\ndata: [DONE]\n\n"))
                .containsExactly(new SseEvent("message", "{\"a\":1}"), new SseEvent("message", "[DONE]"));
    }

    @Test
    void linesMayEndInCrLf() {
        assertThat(decode(new SseDecoder(), "data: x\r\n\r\n")).containsExactly(new SseEvent("message", "x"));
    }

    @Test
    void anEventCutAnywhereByTheNetworkIsReassembled() {
        assertThat(decode(new SseDecoder(), "da", "ta: hel", "lo\n", "\n")).containsExactly(new SseEvent("message", "hello"));
    }

    @Test
    void aMultiByteCharacterSplitAcrossChunksSurvives() {
        byte[] bytes = "data: café\n\n".getBytes(StandardCharsets.UTF_8);
        int split = 10;
        SseDecoder decoder = new SseDecoder();
        List<SseEvent> events = new ArrayList<>(decoder.accept(Arrays.copyOfRange(bytes, 0, split)));
        events.addAll(decoder.accept(Arrays.copyOfRange(bytes, split, bytes.length)));

        assertThat(events).containsExactly(new SseEvent("message", "café"));
    }

    @Test
    void commentsAreSkippedAndDataLinesJoinedWithNewlines() {
        assertThat(decode(new SseDecoder(), ": keep-alive\n\ndata: a\ndata: b\n\n"))
                .containsExactly(new SseEvent("message", "a\nb"));
    }

    @Test
    void theEventNameIsKept() {
        assertThat(decode(new SseDecoder(), "event: error\ndata: {}\n\n")).containsExactly(new SseEvent("error", "{}"));
    }

    @Test
    void anEventWithoutItsBlankLineIsDeliveredWhenTheBodyEnds() {
        SseDecoder decoder = new SseDecoder();
        assertThat(decode(decoder, "data: [DONE]")).isEmpty();
        assertThat(decoder.finish()).containsExactly(new SseEvent("message", "[DONE]"));
    }
}
