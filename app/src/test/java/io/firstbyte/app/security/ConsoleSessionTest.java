package io.firstbyte.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

class ConsoleSessionTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final ConsoleSession session = new ConsoleSession("operator-secret", Duration.ofHours(12), clock);

    private static HttpHeaders presenting(ResponseCookie cookie, String site) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, "other=1; " + cookie.getName() + "=" + cookie.getValue());
        if (site != null) {
            headers.add("Sec-Fetch-Site", site);
        }
        return headers;
    }

    @Test
    void aCookieIssuedForTheTokenIsAcceptedFromThisSiteUntilItExpires() {
        ResponseCookie cookie = session.issue(true);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getValue()).doesNotContain("operator-secret");
        assertThat(session.presentedIn(presenting(cookie, "same-origin"))).isTrue();
        assertThat(session.presentedIn(presenting(cookie, "none"))).as("typed in the address bar").isTrue();
        assertThat(session.presentedIn(presenting(cookie, null))).as("a client that sends no fetch metadata").isTrue();
        now.set(NOW.plus(Duration.ofHours(12)));
        assertThat(session.presentedIn(presenting(cookie, "same-origin"))).as("expired").isFalse();
    }

    @Test
    void anotherSitesRequestAForgedExpiryOrAnotherTokensCookieIsNotAccepted() {
        ResponseCookie cookie = session.issue(false);
        assertThat(session.presentedIn(presenting(cookie, "cross-site"))).isFalse();
        assertThat(session.presentedIn(presenting(cookie, "same-site"))).as("a sibling subdomain").isFalse();
        String signature = cookie.getValue().substring(cookie.getValue().indexOf('.'));
        ResponseCookie longer = ResponseCookie.from(ConsoleSession.COOKIE, "99999999999" + signature).build();
        assertThat(session.presentedIn(presenting(longer, "same-origin"))).isFalse();
        ConsoleSession rotated = new ConsoleSession("new-operator-secret", Duration.ofHours(12), clock);
        assertThat(rotated.presentedIn(presenting(cookie, "same-origin"))).as("after the token changed").isFalse();
    }

    @Test
    void withoutAnOperatorTokenNobodySignsIn() {
        ConsoleSession none = new ConsoleSession("", Duration.ofHours(12), clock);
        assertThat(none.enabled()).isFalse();
        assertThat(none.tokenMatches("")).isFalse();
        assertThat(session.tokenMatches("operator-secret")).isTrue();
        assertThat(session.tokenMatches("operator-secre")).isFalse();
        assertThat(session.tokenMatches(null)).isFalse();
    }
}
