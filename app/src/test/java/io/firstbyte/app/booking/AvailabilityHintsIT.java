package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.QueryCounter;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.pipeline.tool.TranscriptHints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A service and a day named in the caller's words warm that day's availability, once per call. */
class AvailabilityHintsIT {

    /** Saturday 5 December 2026, in Berlin. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneId.of("UTC"));
    static final UUID BERLIN_SALON = StartupSeed.synthetic(1).tenantId();

    static ItDatabase database;
    static BookingStack stack;

    @BeforeAll
    static void start() {
        database = ItDatabase.create(CLOCK);
        stack = new BookingStack(database.address(), "redis://127.0.0.1:6379", CLOCK);
    }

    @AfterAll
    static void stop() {
        stack.close();
        database.close();
    }

    @Test
    void aServiceAndADayBeyondTheCallStartWarmUpAreWarmedOnceAsTheCallerSaysThem() {
        TranscriptHints hints = stack.warmup.hintsFor(BERLIN_SALON.toString());
        LocalDate the17th = LocalDate.of(2026, 12, 17);
        ServiceInfo colour = catalog().service("Colour").orElseThrow();
        assertThat(cached(colour, the17th)).isFalse();

        hints.heard("hi do you have anything").block(Duration.ofSeconds(10));
        hints.heard("hi do you have anything for a colour").block(Duration.ofSeconds(10));
        long before = stack.queries.get(QueryCounter.Kind.AVAILABILITY);
        assertThat(cached(colour, the17th)).isFalse();

        hints.heard("hi do you have anything for a colour on the 17th").block(Duration.ofSeconds(10));
        assertThat(cached(colour, the17th)).isTrue();
        assertThat(stack.queries.get(QueryCounter.Kind.AVAILABILITY)).isEqualTo(before + 1);

        hints.heard("hi do you have anything for a colour on the 17th please").block(Duration.ofSeconds(10));
        assertThat(stack.queries.get(QueryCounter.Kind.AVAILABILITY)).as("warmed once per call").isEqualTo(before + 1);
    }

    private static TenantCatalog catalog() {
        return stack.catalogs.catalog(BERLIN_SALON.toString()).block(Duration.ofSeconds(10));
    }

    private static boolean cached(ServiceInfo service, LocalDate day) {
        return stack.cache.get(BERLIN_SALON, catalog().revision(), service.id(), List.of(day)).block(Duration.ofSeconds(10)).containsKey(day);
    }
}
