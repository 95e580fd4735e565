package io.firstbyte.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.error.ErrorCategory;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

class FailureClassifierTest {

    @Test
    void statusesMapToTheirCategories() {
        assertThat(FailureClassifier.forStatus(401)).isEqualTo(ErrorCategory.AUTHENTICATION);
        assertThat(FailureClassifier.forStatus(403)).isEqualTo(ErrorCategory.AUTHENTICATION);
        assertThat(FailureClassifier.forStatus(408)).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(FailureClassifier.forStatus(429)).isEqualTo(ErrorCategory.RATE_LIMIT);
        assertThat(FailureClassifier.forStatus(400)).isEqualTo(ErrorCategory.INVALID_REQUEST);
        assertThat(FailureClassifier.forStatus(503)).isEqualTo(ErrorCategory.SERVER);
    }

    @Test
    void lowLevelFailuresAreClassifiedOnce() {
        assertThat(FailureClassifier.classify("p", new ConnectException("refused")).category()).isEqualTo(ErrorCategory.CONNECTIVITY);
        assertThat(FailureClassifier.classify("p", new IOException("reset")).category()).isEqualTo(ErrorCategory.CONNECTIVITY);
        assertThat(FailureClassifier.classify("p", new TimeoutException()).category()).isEqualTo(ErrorCategory.TIMEOUT);
        JacksonException json = org.assertj.core.api.Assertions.catchThrowableOfType(JacksonException.class,
                () -> new ObjectMapper().readTree("{nope"));
        assertThat(FailureClassifier.classify("p", json).category()).isEqualTo(ErrorCategory.PROTOCOL);
    }

    @Test
    void anAlreadyClassifiedFailurePassesThroughUnchanged() {
        ProviderFailure failure = ProviderFailure.of("p", ErrorCategory.RATE_LIMIT, "429");
        assertThat(FailureClassifier.classify("other", failure)).isSameAs(failure);
    }

    @Test
    void retryAfterPrefersMillisecondsThenSeconds() {
        assertThat(RetryAfter.from(Map.of("retry-after-ms", "250", "Retry-After", "3")::get)).isEqualTo(Duration.ofMillis(250));
        assertThat(RetryAfter.from(Map.of("Retry-After", "1.5")::get)).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryAfter.from(Map.of("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")::get)).isNull();
        assertThat(RetryAfter.from(Map.<String, String>of()::get)).isNull();
    }

    @Test
    void closeCodesMapToCategories() {
        assertThat(SocketClosed.categoryOf(1011)).isEqualTo(ErrorCategory.SERVER);
        assertThat(SocketClosed.categoryOf(1008)).isEqualTo(ErrorCategory.INVALID_REQUEST);
        assertThat(SocketClosed.categoryOf(1002)).isEqualTo(ErrorCategory.PROTOCOL);
        assertThat(SocketClosed.categoryOf(1006)).isEqualTo(ErrorCategory.CONNECTIVITY);
    }
}
