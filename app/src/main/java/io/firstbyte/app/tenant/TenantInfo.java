package io.firstbyte.app.tenant;

import java.time.ZoneId;

/**
 * A tenant as calls and tools see it. {@code id} is the tenant's UUID in text form, the form put in
 * the call context under {@link #CONTEXT_ATTRIBUTE}; {@code timeZone} is an IANA zone id.
 */
public record TenantInfo(String id, String name, String timeZone, int slotMinutes, int horizonDays,
                         int minNoticeMinutes) {

    /** The call-context attribute holding the tenant id (a UUID string). */
    public static final String CONTEXT_ATTRIBUTE = "firstbyte.tenantId";

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
