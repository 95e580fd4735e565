package io.firstbyte.app.booking;

import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.pipeline.tool.TranscriptHints;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * One call's transcript hints for the booking tools: when what the caller has said so far names one of
 * the tenant's services and a day ({@link SpokenDay}), that day's availability is warmed, so the
 * model's lookup a moment later is a cache hit. Each service and day is warmed once per call, and at
 * most {@value #MAX_WARMS} in all.
 */
public final class AvailabilityHints implements TranscriptHints {

    static final int MAX_WARMS = 8;
    /** Compiled once: every interim transcript of every call is matched against each service's name. */
    private static final Pattern NOT_LETTER_OR_NUMBER = Pattern.compile("[^\\p{L}\\p{N}]");

    private final AvailabilityWarmup warmup;
    private final String tenantId;
    private final Clock clock;
    private final Set<String> warmed = ConcurrentHashMap.newKeySet();

    AvailabilityHints(AvailabilityWarmup warmup, String tenantId, Clock clock) {
        this.warmup = warmup;
        this.tenantId = tenantId;
        this.clock = clock;
    }

    @Override
    public Mono<Void> heard(String transcript) {
        if (warmed.size() >= MAX_WARMS) {
            return Mono.empty();
        }
        return warmup.catalog(tenantId).flatMap(catalog -> {
            Optional<ServiceInfo> service = mentioned(catalog, transcript);
            Optional<LocalDate> day = SpokenDay.in(transcript, LocalDate.now(clock.withZone(catalog.tenant().zone())));
            if (service.isEmpty() || day.isEmpty() || warmed.size() >= MAX_WARMS
                    || !warmed.add(service.get().id() + "/" + day.get())) {
                return Mono.empty();
            }
            return warmup.warmDay(catalog, service.get(), day.get());
        });
    }

    /** The first of the tenant's services whose name the transcript contains, spaces and hyphens aside. */
    static Optional<ServiceInfo> mentioned(TenantCatalog catalog, String transcript) {
        String said = letters(transcript).replace("color", "colour");
        return catalog.services().stream()
                .filter(service -> said.contains(letters(service.name()).replace("color", "colour")))
                .findFirst();
    }

    private static String letters(String text) {
        return NOT_LETTER_OR_NUMBER.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
