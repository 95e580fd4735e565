package io.firstbyte.app.observability;

import io.micrometer.core.instrument.Tags;

/**
 * One call's labels, fixed once its tenant is known: the bounded tenant label, the gateway (the
 * media dialect: twilio, telnyx, …, audiosocket) and the first provider of each stage.
 */
public record CallLabels(String tenant, String gateway, String stt, String llm, String tts) {

    /** A call whose tenant and providers are not known (yet). */
    public static CallLabels unresolved(String gateway) {
        return new CallLabels(TenantLabels.NONE, gateway, "unknown", "unknown", "unknown");
    }

    Tags tenantAndGateway() {
        return Tags.of("tenant", tenant, "gateway", gateway);
    }
}
