package io.firstbyte.app.tenant;

import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A tenant as calls and tools see it. {@code id} is the tenant's UUID in text form, the form put in
 * the call context under {@link #CONTEXT_ATTRIBUTE}; {@code timeZone} is an IANA zone id. The last
 * four are what its phone agent says and is told, each optional: its own {@code greeting}, extra
 * {@code agentInstructions}, the {@code language} it speaks (a BCP 47 tag such as {@code de}) and
 * the ISO 4217 {@code currency} of its prices.
 */
public record TenantInfo(String id, String name, String timeZone, int slotMinutes, int horizonDays,
                         int minNoticeMinutes, @Nullable String greeting, @Nullable String agentInstructions,
                         @Nullable String language, @Nullable String currency) {

    /** The call-context attribute holding the tenant id (a UUID string). */
    public static final String CONTEXT_ATTRIBUTE = "firstbyte.tenantId";

    /** A tenant whose agent uses the server's defaults. */
    public TenantInfo(String id, String name, String timeZone, int slotMinutes, int horizonDays, int minNoticeMinutes) {
        this(id, name, timeZone, slotMinutes, horizonDays, minNoticeMinutes, null, null, null, null);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
