package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.SalonSeed;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.tenant.TenantCredentials;
import io.firstbyte.fakes.cartesia.FakeCartesiaServer;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.firstbyte.fakes.openai.FakeBookingAgent;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.RecordedRequest;
import io.firstbyte.fakes.voice.FakeVoice;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;

/**
 * A whole call with "real" providers: a Twilio caller on {@code /twilio/media}, Deepgram live
 * listening, an OpenAI-compatible model that books through the real booking tools (against this
 * test's own PostgreSQL database) and Cartesia speech, each provider a local fake speaking its
 * documented protocol. The call ends with an appointment row; no key reaches the logs. A tenant's
 * own voice and stored model key serve its calls.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // its own database on this machine's PostgreSQL is a developer's set-up: development mode, Twilio open
        properties = {"firstbyte.security.mode=development",
                "firstbyte.telephony.start-timeout=1s", "firstbyte.booking.seed-demo=true",
                "firstbyte.booking.synthetic-tenants=1",
                "firstbyte.booking.credentials-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="})
class FakeProvidersCallIT {

    static final String DEEPGRAM_KEY = "dg-it-secret-7c1f";
    static final String OPENAI_KEY = "sk-it-secret-93ab";
    static final String CARTESIA_KEY = "ca-it-secret-51de";
    static final String TENANT_OPENAI_KEY = "sk-tenant-own-9d2e";
    static final String CALLER = "Sam Taylor";
    /** A Tuesday at least two days ahead, when the demo salon is open. */
    static final LocalDate DAY = LocalDate.now(ZoneId.of("America/New_York")).plusDays(2)
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));

    static final ItDatabase DATABASE = ItDatabase.create(Clock.systemUTC());
    @RegisterExtension
    static final ProviderFakes FAKES = ProviderFakes.start(DATABASE, new ProviderFakes.Keys(DEEPGRAM_KEY, OPENAI_KEY, CARTESIA_KEY),
            new FakeBookingAgent("Haircut", () -> DAY, CALLER, Duration.ofMillis(150), Duration.ofMillis(5)));
    static final FakeDeepgramListenServer DEEPGRAM = FAKES.deepgram();
    static final FakeOpenAiServer MODEL = FAKES.model();
    static final FakeCartesiaServer CARTESIA = FAKES.cartesia();

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        FAKES.register(registry, true);
    }

    @LocalServerPort
    int port;
    @Autowired
    TenantCredentials credentials;
    @Autowired
    MeterRegistry meters;

    @Test
    void aCallerBooksAHaircutThroughDeepgramAnOpenAiCompatibleModelAndCartesia(CapturedOutput logs) throws Exception {
        DEEPGRAM.utterances("Hi, I'd like to book a haircut on " + DAY.getDayOfWeek() + ". My name is " + CALLER + ".");
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", StartupSeed.DEMO_NUMBER)).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(15))).as("greeting played").isTrue();
            int afterGreeting = caller.mediaReceived.get();
            assertThat(afterGreeting).as("the greeting came from Cartesia (5 ms of fake audio per character)").isGreaterThan(5);

            caller.say(Duration.ofMillis(1500));
            assertThat(caller.awaitAnswer(afterGreeting, Duration.ofMillis(1500), Duration.ofSeconds(20))).isTrue();
            assertThat(bookingsOf(CALLER)).as("appointments booked for the caller").isEqualTo(1);
        } finally {
            caller.hangUp();
            Thread.sleep(300);
            connection.dispose();
        }

        // Answers started speculatively on Deepgram's interim transcripts, when the caller paused, were
        // discarded once the final transcript said more; the turn's own answer made these three requests.
        List<RecordedRequest> requests = answering(modelRequestsWithKey(OPENAI_KEY), "My name is " + CALLER);
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).json().path("messages").toString()).contains("book a haircut");
        assertThat(requests.get(1).json().path("messages").toString()).contains("check_availability", "slots");
        assertThat(requests.get(2).json().path("messages").toString()).contains("create_booking", "confirmed");
        assertThat(DEEPGRAM.connections()).anySatisfy(socket -> {
            assertThat(socket.audio().length).as("caller audio reached Deepgram").isGreaterThan(8000);
            assertThat(socket.controlMessages()).as("Finalize when the caller stopped speaking")
                    .anyMatch(message -> message.contains("Finalize"));
        });
        assertThat(CARTESIA.connections()).isNotEmpty();
        assertThat(logs.getAll()).contains("Providers: speech-to-text deepgram")
                .doesNotContain(DEEPGRAM_KEY, OPENAI_KEY, CARTESIA_KEY);
    }

    @Test
    void aTurnHeardThroughDeepgramIsAnsweredByTheAnswerStartedWhenTheCallerPaused() throws Exception {
        String words = "This is " + CALLER + ", could I book a haircut on " + DAY.getDayOfWeek() + "?";
        DEEPGRAM.interimAtPauses(true).utterances(words);
        double hits = speculations("hit");
        int booked = bookingsOf(CALLER);
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550002222", "To", StartupSeed.DEMO_NUMBER)).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(15))).as("greeting played").isTrue();
            int afterGreeting = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1500));
            assertThat(caller.awaitAnswer(afterGreeting, Duration.ofMillis(1500), Duration.ofSeconds(20))).isTrue();
        } finally {
            DEEPGRAM.interimAtPauses(false);
            caller.hangUp();
            Thread.sleep(300);
            connection.dispose();
        }

        assertThat(speculations("hit")).as("the answer started on the interim at the pause was released").isEqualTo(hits + 1);
        assertThat(answering(modelRequestsWithKey(OPENAI_KEY), words)).as("check, book, confirm: nothing asked twice")
                .hasSize(3);
        assertThat(bookingsOf(CALLER)).as("booked once, after the turn was confirmed").isEqualTo(booked + 1);
        assertThat(DEEPGRAM.connections()).anySatisfy(socket -> assertThat(socket.query())
                .containsEntry("interim_results", "true").containsEntry("vad_events", "true")
                .containsKey("utterance_end_ms"));
    }

    private double speculations(String outcome) {
        return meters.get("firstbyte.speculation").tag("outcome", outcome).counter().count();
    }

    @Test
    void aTenantsOwnVoiceAndModelKeyServeItsCalls() throws Exception {
        SalonSeed.Salon salon = StartupSeed.synthetic(1);
        DATABASE.execute("update tenant set settings = jsonb_set(settings, '{providers}', "
                + "'{\"voice\": \"tenant-voice\"}') where id = '" + salon.tenantId() + "'");
        credentials.store(salon.tenantId().toString(), "openai", TENANT_OPENAI_KEY).block(Duration.ofSeconds(30));
        DEEPGRAM.utterances("Hello, I'd like to book a haircut please. I'm " + CALLER + ".");

        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", salon.phoneNumber())).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(15))).as("greeting played").isTrue();
            int afterGreeting = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1500));
            assertThat(caller.awaitAnswer(afterGreeting, Duration.ofMillis(1500), Duration.ofSeconds(20))).isTrue();
        } finally {
            caller.hangUp();
            Thread.sleep(300);
            connection.dispose();
        }

        assertThat(answering(modelRequestsWithKey(TENANT_OPENAI_KEY), "I'm " + CALLER)).as("the tenant's own key was used")
                .hasSize(3);
        assertThat(CARTESIA.connections().stream().flatMap(socket -> socket.requests().stream())
                .map(request -> request.path("voice").path("id").asString(""))).contains("tenant-voice", "fake-voice");
    }

    @Test
    void whenTheOnlyVoiceIsDownTheCallerHearsTheApologyAndTheCallIsHungUp() throws Exception {
        CARTESIA.voice().mode(FakeVoice.Mode.ERROR);
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", StartupSeed.DEMO_NUMBER)).subscribe();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (caller.closeStatus() < 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(caller.closeStatus()).as("the server hung up").isNotNegative();
            assertThat(caller.mediaReceived.get()).as("frames of the apology pre-rendered at start-up").isGreaterThan(20);
        } finally {
            CARTESIA.voice().mode(FakeVoice.Mode.NORMAL);
            connection.dispose();
        }
    }

    /** The requests that answer a turn in which the caller said {@code words} (not a speculative answer's). */
    private static List<RecordedRequest> answering(List<RecordedRequest> requests, String words) {
        return requests.stream().filter(r -> r.json().path("messages").toString().contains(words)).toList();
    }

    private static List<RecordedRequest> modelRequestsWithKey(String key) {
        return MODEL.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))
                .filter(r -> r.header("authorization").equals("Bearer " + key)).toList();
    }

    private static int bookingsOf(String customer) throws SQLException {
        try (Connection db = DriverManager.getConnection(DATABASE.address().jdbcUrl(), DATABASE.address().user(),
                DATABASE.address().password());
             var query = db.prepareStatement("select count(*) from appointment where customer_name = ?")) {
            query.setString(1, customer);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
