package io.firstbyte.bench.calls.wire;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** The gateways the call simulator can speak as, each with the server path it dials. */
public enum Gateway {
    TWILIO("/twilio/media"),
    TELNYX("/audio/telnyx"),
    PLIVO("/audio/plivo"),
    FREESWITCH("/audio/freeswitch"),
    JAMBONZ("/audio/jambonz"),
    VONAGE("/audio/vonage"),
    ASTERISK("/audio/asterisk");

    private final String path;

    Gateway(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Gateway named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown dialect " + name + "; one of twilio, telnyx, plivo, freeswitch,"
                    + " jambonz, vonage, asterisk");
        }
    }

    /** A new call's wire, with fresh random ids. */
    public GatewayWire wire(CallSetup setup, RandomGenerator random) {
        return switch (this) {
            case TWILIO -> new TwilioWire(StreamIds.random(random), setup);
            case TELNYX -> new TelnyxWire(WireIds.uuid(random), WireIds.uuid(random), setup);
            case PLIVO -> new PlivoWire(WireIds.uuid(random), WireIds.uuid(random), setup);
            case FREESWITCH -> new FreeSwitchWire(WireIds.uuid(random), setup);
            case JAMBONZ -> new JambonzWire(WireIds.uuid(random), setup);
            case VONAGE -> new VonageWire(WireIds.uuid(random), setup);
            case ASTERISK -> new AsteriskWire(WireIds.uuid(random), WireIds.uuid(random), setup);
        };
    }
}
