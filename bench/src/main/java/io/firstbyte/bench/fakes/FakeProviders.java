package io.firstbyte.bench.fakes;

import io.firstbyte.fakes.cartesia.FakeCartesiaServer;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.firstbyte.fakes.openai.FakeBookingAgent;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The three fake providers a call needs, started together: Deepgram listening (each call hears
 * {@code callerLines} in order), an OpenAI-compatible model that books like {@link FakeBookingAgent}
 * (a haircut on the next weekday), and Cartesia speech, all at {@code latency} and accepting {@code key}.
 */
public final class FakeProviders implements AutoCloseable {

    public static final String MODEL = "fake-model";
    public static final String VOICE = "fake-voice";

    private final String key;
    private final FakeDeepgramListenServer stt;
    private final FakeOpenAiServer llm;
    private final FakeCartesiaServer tts;

    private FakeProviders(String key, FakeDeepgramListenServer stt, FakeOpenAiServer llm, FakeCartesiaServer tts) {
        this.key = key;
        this.stt = stt;
        this.llm = llm;
        this.tts = tts;
    }

    /** Ports 0 take any free port. */
    public static FakeProviders start(String key, FakeLatency latency, List<String> callerLines, int sttPort, int llmPort,
                                      int ttsPort) {
        FakeDeepgramListenServer stt = FakeDeepgramListenServer.start(key, sttPort)
                .resultLatency(latency.sttResult()).everyCall(callerLines).otherwise("okay");
        FakeOpenAiServer llm = FakeOpenAiServer.start(llmPort).respondWith(new FakeBookingAgent("Haircut",
                FakeProviders::nextWeekday, "Sam Taylor", latency.llmFirstToken(), latency.llmBetweenTokens()));
        FakeCartesiaServer tts = FakeCartesiaServer.start(key, ttsPort);
        tts.voice().firstByte(latency.ttsFirstByte()).chunkEvery(latency.ttsChunkEvery())
                .bytesPerChar(latency.speechMillisPerChar() * 8);
        return new FakeProviders(key, stt, llm, tts);
    }

    private static LocalDate nextWeekday() {
        LocalDate day = LocalDate.now(ZoneId.of("America/New_York")).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** The server's environment for these fakes, one {@code NAME=value} per line. */
    public List<String> serverEnvironment() {
        return List.of(
                "FIRSTBYTE_STT=deepgram", "DEEPGRAM_API_KEY=" + key, "DEEPGRAM_LISTEN_URL=" + stt.listenUrl(),
                "FIRSTBYTE_LLM=openai", "OPENAI_API_KEY=" + key, "OPENAI_BASE_URL=" + llm.baseUrl(), "OPENAI_MODEL=" + MODEL,
                "FIRSTBYTE_TTS=cartesia", "CARTESIA_API_KEY=" + key, "CARTESIA_URL=" + tts.url(), "CARTESIA_VOICE=" + VOICE);
    }

    public FakeDeepgramListenServer stt() {
        return stt;
    }

    public FakeOpenAiServer llm() {
        return llm;
    }

    public FakeCartesiaServer tts() {
        return tts;
    }

    @Override
    public void close() {
        stt.close();
        llm.close();
        tts.close();
    }
}
