package io.firstbyte.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The outbox sender in virtual time: what a delivery carries, when a failed one is tried again
 * (10 s, then 20 s, 40 s... after each failure), that it is given up after its last attempt, that a
 * receiver that never answers is a failure, and that an unreadable outbox stops nothing.
 */
class WebhookSenderTest {

    private static final UUID BUSINESS = UUID.fromString("0d3e5a10-0000-4000-a000-000000000001");
    private static final String BODY = "{\"id\":\"e1\",\"type\":\"message.taken\"}";
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 4);

    private record Post(long atMillis, String url, Map<String, String> headers, String body) {
    }

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Queue<Supplier<Mono<Integer>>> answers = new ArrayDeque<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final WebhookClient client = (url, headers, body) -> {
        posts.add(new Post(time.now(TimeUnit.MILLISECONDS), url, headers, new String(body, StandardCharsets.UTF_8)));
        Supplier<Mono<Integer>> next = answers.poll();
        return next == null ? Mono.just(200) : next.get();
    };
    private final WebhookSender sender = new WebhookSender(outbox, client, BACKOFF, Duration.ofSeconds(1),
            Duration.ofSeconds(5), 50, time, (event, outcome) -> outcomes.add(event + " " + outcome));

    @AfterEach
    void stop() {
        sender.dispose();
        time.dispose();
    }

    private UUID event() {
        outbox.target(BUSINESS, new WebhookTarget("https://hooks.example.com/firstbyte", "whsec_test"));
        return outbox.add(BUSINESS, "message.taken", BODY, Instant.EPOCH);
    }

    private List<Long> attemptTimes() {
        return posts.stream().map(Post::atMillis).toList();
    }

    @Test
    void aDeliveryIsSignedWithTheBusinessSecretAndNamesItsEventAndId() {
        UUID id = event();
        sender.start();
        time.advanceTime();

        assertThat(posts).singleElement().satisfies(post -> {
            assertThat(post.url()).isEqualTo("https://hooks.example.com/firstbyte");
            assertThat(post.body()).isEqualTo(BODY);
            assertThat(post.headers()).containsEntry("Firstbyte-Event", "message.taken").containsEntry("Firstbyte-Event-Id", id.toString());
            assertThat(WebhookSignature.verify("whsec_test", post.headers().get(WebhookSignature.HEADER),
                    BODY.getBytes(StandardCharsets.UTF_8), 0, 300)).isTrue();
        });
        assertThat(outbox.row(id).state()).isEqualTo(MemoryOutbox.State.DELIVERED);
        assertThat(outcomes).containsExactly("message.taken DELIVERED");
    }

    @Test
    void aFailedDeliveryIsTriedAgainAfterABackOffThatDoublesUntilItIsDelivered() {
        UUID id = event();
        answers.add(() -> Mono.just(500));
        answers.add(() -> Mono.just(503));
        answers.add(() -> Mono.just(204));
        sender.start();

        time.advanceTimeBy(Duration.ofMinutes(5));

        assertThat(attemptTimes()).containsExactly(0L, 10_000L, 30_000L);
        assertThat(outbox.row(id).state()).isEqualTo(MemoryOutbox.State.DELIVERED);
        assertThat(outbox.row(id).delivery().attempts()).isEqualTo(3);
        assertThat(posts).extracting(post -> post.headers().get("Firstbyte-Event-Id")).containsOnly(id.toString());
    }

    @Test
    void aDeliveryIsGivenUpAfterItsLastAttemptAndNeverSentAgain() {
        UUID id = event();
        for (int i = 0; i < 10; i++) {
            answers.add(() -> Mono.just(500));
        }
        sender.start();

        time.advanceTimeBy(Duration.ofHours(2));

        assertThat(attemptTimes()).as("4 attempts: at 0, +10 s, +20 s, +40 s").containsExactly(0L, 10_000L, 30_000L, 70_000L);
        assertThat(outbox.row(id).state()).isEqualTo(MemoryOutbox.State.GAVE_UP);
        assertThat(outbox.row(id).lastError()).isEqualTo("HTTP 500");
        assertThat(outcomes).endsWith("message.taken GAVE_UP");
    }

    @Test
    void aReceiverThatDoesNotAnswerWithinTheTimeoutIsAFailedAttempt() {
        UUID id = event();
        answers.add(Mono::never);
        sender.start();

        time.advanceTimeBy(Duration.ofSeconds(14));
        assertThat(attemptTimes()).as("the retry waits 10 s after the 5 s timeout").containsExactly(0L);
        assertThat(outbox.row(id).lastError()).contains("no answer within 5000 ms");
        time.advanceTimeBy(Duration.ofSeconds(2));

        assertThat(attemptTimes()).containsExactly(0L, 15_000L);
        assertThat(outbox.row(id).state()).isEqualTo(MemoryOutbox.State.DELIVERED);
    }

    @Test
    void anEventOfABusinessThatNoLongerHasAWebhookUrlIsGivenUpUnsent() {
        UUID id = event();
        outbox.target(BUSINESS, null);
        sender.start();
        time.advanceTimeBy(Duration.ofMinutes(1));

        assertThat(posts).isEmpty();
        assertThat(outbox.row(id).state()).isEqualTo(MemoryOutbox.State.GAVE_UP);
    }

    @Test
    void aBusinessWithoutASecretGetsItsEventsUnsigned() {
        outbox.target(BUSINESS, new WebhookTarget("https://hooks.example.com/firstbyte", null));
        outbox.add(BUSINESS, "booking.confirmed", BODY, Instant.EPOCH);
        sender.start();
        time.advanceTime();

        assertThat(posts).singleElement().satisfies(post -> assertThat(post.headers()).doesNotContainKey(WebhookSignature.HEADER)
                .containsEntry("Firstbyte-Event", "booking.confirmed"));
    }

    @Test
    void anOutboxThatCannotBeReadIsReadAgainAtTheNextPoll() {
        UUID id = event();
        outbox.failClaims.set(2);
        sender.start();

        time.advanceTimeBy(Duration.ofSeconds(2));

        assertThat(attemptTimes()).containsExactly(2_000L);
        assertThat(outbox.row(id).state()).isEqualTo(MemoryOutbox.State.DELIVERED);
    }

    @Test
    void aNudgeSendsANewEventWithoutWaitingForThePoll() {
        WebhookSender slowPoll = new WebhookSender(outbox, client, BACKOFF, Duration.ofMinutes(1), Duration.ofSeconds(5), 50,
                time, (event, outcome) -> { });
        try {
            slowPoll.start();
            time.advanceTimeBy(Duration.ofSeconds(3));
            event();

            slowPoll.nudge();

            assertThat(attemptTimes()).containsExactly(3_000L);
        } finally {
            slowPoll.dispose();
        }
    }
}
