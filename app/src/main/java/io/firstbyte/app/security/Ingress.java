package io.firstbyte.app.security;

import org.jspecify.annotations.Nullable;

/**
 * The ways a call or a platform gets in, each with the setting that turns it on in production
 * and the secret it must present. Twilio, Vapi and Retell are on when their secret is set; every
 * other gateway only when its own setting is {@code true}. AudioSocket shares the Asterisk credentials:
 * the dial plan registers each call with them before connecting.
 */
public enum Ingress {
    TWILIO("Twilio", null, secret("firstbyte.telephony.twilio-auth-token", "TWILIO_AUTH_TOKEN")),
    TELNYX("Telnyx", flag("telnyx", "TELNYX_ENABLED"), gatewaySecret("telnyx-stream-token", "TELNYX_STREAM_TOKEN")),
    PLIVO("Plivo", flag("plivo", "PLIVO_ENABLED"), gatewaySecret("plivo-token", "PLIVO_STREAM_TOKEN")),
    FREESWITCH("FreeSWITCH", flag("freeswitch", "FREESWITCH_ENABLED"), gatewaySecret("freeswitch-token", "FREESWITCH_STREAM_TOKEN")),
    JAMBONZ("jambonz", flag("jambonz", "JAMBONZ_ENABLED"), gatewaySecret("jambonz-password", "JAMBONZ_WS_PASSWORD")),
    VONAGE("Vonage", flag("vonage", "VONAGE_ENABLED"), gatewaySecret("vonage-token", "VONAGE_STREAM_TOKEN")),
    ASTERISK("Asterisk chan_websocket", flag("asterisk", "ASTERISK_WS_ENABLED"),
            gatewaySecret("asterisk-password", "ASTERISK_WS_PASSWORD")),
    AUDIOSOCKET("Asterisk AudioSocket", new Setting("firstbyte.telephony.audiosocket.enabled", "AUDIOSOCKET_ENABLED"),
            gatewaySecret("asterisk-password", "ASTERISK_WS_PASSWORD")),
    VAPI("Vapi", null, secret("firstbyte.booking.vapi-secret", "VAPI_SECRET")),
    RETELL("Retell", null, secret("firstbyte.booking.retell-api-key", "RETELL_API_KEY"));

    private final String title;
    private final @Nullable Setting enabled;
    private final Setting secret;

    Ingress(String title, @Nullable Setting enabled, Setting secret) {
        this.title = title;
        this.enabled = enabled;
        this.secret = secret;
    }

    public String title() {
        return title;
    }

    /** The setting that turns it on; none when its secret does. */
    @Nullable Setting enabled() {
        return enabled;
    }

    Setting secret() {
        return secret;
    }

    /** What an operator sets to serve it in production. */
    String howToEnable() {
        return enabled == null ? "set " + secret.variable()
                : "set " + enabled.variable() + "=true and " + secret.variable();
    }

    private static Setting flag(String gateway, String variable) {
        return new Setting("firstbyte.security.gateways." + gateway, variable);
    }

    private static Setting gatewaySecret(String name, String variable) {
        return new Setting("firstbyte.telephony.gateways." + name, variable);
    }

    private static Setting secret(String property, String variable) {
        return new Setting(property, variable);
    }
}
