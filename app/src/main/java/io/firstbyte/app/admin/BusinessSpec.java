package io.firstbyte.app.admin;

import io.firstbyte.app.booking.rules.Closure;
import io.firstbyte.app.booking.rules.TimeRange;
import io.firstbyte.app.tenant.PhoneNumbers;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A business as an admin writes it (create, replace, or a current one with changes merged in). Optional
 * fields left out take their defaults, except the write-only {@code webhook_secret}: left out, the
 * stored one stays; {@code null}, it is removed. {@code active} left out stays as it is (true for a new one).
 */
record BusinessSpec(String name, String timeZone, @Nullable String language, @Nullable String currency,
                    List<String> phoneNumbers, Map<DayOfWeek, List<TimeRange>> hours, List<Closure> closures,
                    int slotMinutes, int minNoticeMinutes, int horizonDays, @Nullable String greeting,
                    @Nullable String agentInstructions, @Nullable String transferNumber, @Nullable String webhookUrl,
                    @Nullable SecretChange webhookSecret, @Nullable Boolean active) {

    /** A new webhook signing secret, or ({@code value} null) its removal. */
    record SecretChange(@Nullable String value) {
        @Override
        public String toString() {
            return "SecretChange[" + (value == null ? "remove" : "<set>") + "]";
        }
    }

    static final Set<String> FIELDS = Set.of("name", "time_zone", "language", "currency", "phone_numbers", "hours",
            "closures", "slot_minutes", "min_notice_minutes", "horizon_days", "greeting", "agent_instructions",
            "transfer_number", "webhook_url", "webhook_secret", "active");
    /** Fields a read shows that a write may send back unchanged. */
    static final Set<String> READ_ONLY = Set.of("id", "revision", "webhook_secret_set");
    static final int MAX_NUMBERS = 20;
    static final int MAX_CLOSURES = 200;
    private static final int MAX_CLOSURE_DAYS = 366;

    static BusinessSpec read(JsonNode body) {
        Set<String> allowed = new LinkedHashSet<>(FIELDS);
        allowed.addAll(READ_ONLY);
        Fields fields = Fields.of(body, allowed);
        String name = fields.text("name", true, 200);
        String zone = fields.text("time_zone", true, 64);
        if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
            fields.problem("time_zone must be an IANA time zone id such as Europe/Berlin or America/New_York");
        }
        String language = fields.text("language", false, 35);
        if (language != null && !language.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            fields.problem("language must be a language tag such as en, de or pt-BR");
        }
        String currency = fields.text("currency", false, 3);
        if (currency != null && !validCurrency(currency)) {
            fields.problem("currency must be an ISO 4217 code such as EUR or USD");
        }
        List<String> numbers = numbers(fields);
        var hours = WeekHours.read(fields, "hours");
        List<Closure> closures = DateRanges.read(fields, "closures", MAX_CLOSURES, MAX_CLOSURE_DAYS);
        int slot = fields.integer("slot_minutes", 5, 240, 30);
        int notice = fields.integer("min_notice_minutes", 0, 10080, 60);
        int horizon = fields.integer("horizon_days", 1, 730, 60);
        String greeting = fields.text("greeting", false, 500);
        String instructions = fields.text("agent_instructions", false, 4000);
        String transfer = phone(fields, "transfer_number");
        String webhook = fields.text("webhook_url", false, 2000);
        if (webhook != null && !validUrl(webhook)) {
            fields.problem("webhook_url must be an absolute http or https URL");
        }
        SecretChange secret = null;
        if (fields.has("webhook_secret")) {
            String value = fields.text("webhook_secret", false, 200);
            if (value != null && value.length() < 16) {
                fields.problem("webhook_secret must be at least 16 characters");
            }
            secret = new SecretChange(value);
        }
        Boolean active = fields.has("active") && !fields.isNull("active") ? fields.bool("active", true) : null;
        fields.check();
        return new BusinessSpec(name, zone, language, currency, numbers, hours, closures, slot, notice, horizon,
                greeting, instructions, transfer, webhook, secret, active);
    }

    private static List<String> numbers(Fields fields) {
        List<String> numbers = new ArrayList<>();
        for (JsonNode item : fields.array("phone_numbers", MAX_NUMBERS)) {
            Optional<String> number = item.isString() ? PhoneNumbers.e164(item.asString()) : Optional.empty();
            if (number.isEmpty()) {
                fields.problem("phone_numbers must be E.164 numbers such as +4930123456");
            } else if (numbers.contains(number.get())) {
                fields.problem("phone_numbers lists " + number.get() + " twice");
            } else {
                numbers.add(number.get());
            }
        }
        return numbers;
    }

    private static @Nullable String phone(Fields fields, String name) {
        String text = fields.text(name, false, 32);
        if (text == null) {
            return null;
        }
        Optional<String> number = PhoneNumbers.e164(text);
        if (number.isEmpty()) {
            fields.problem(name + " must be an E.164 number such as +4930123456");
        }
        return number.orElse(null);
    }

    private static boolean validCurrency(String code) {
        try {
            return code.matches("[A-Z]{3}") && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean validUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
