package io.firstbyte.bench.calls.wire;

import java.util.Locale;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** The gateways the call simulator can speak as, each with the server path it dials. */
public enum Gateway {
    TWILIO("/twilio/media"),
    TELNYX("/audio/telnyx"),
    PLIVO("/audio/plivo"),
    FREESWITCH("/audio/freeswitch"),
    JAMBONZ("/audio/jambonz"),
    VONAGE("/audio/vonage"),
    ASTERISK("/audio/asterisk"),
    /** Asterisk's AudioSocket: TCP, not a WebSocket; its path is where the dial plan registers the call. */
    AUDIOSOCKET(AudioSocketWire.REGISTRATION_PATH);

    private final String path;

    Gateway(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public boolean overWebSocket() {
        return this != AUDIOSOCKET;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Gateway named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown dialect " + name + "; one of twilio, telnyx, plivo, freeswitch,"
                    + " jambonz, vonage, asterisk, audiosocket");
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
            case AUDIOSOCKET -> new AudioSocketWire(new UUID(random.nextLong(), random.nextLong()), setup);
        };
    }

    /** A new call's wire for a WebSocket gateway; every gateway but {@link #AUDIOSOCKET}. */
    public WebSocketWire webSocketWire(CallSetup setup, RandomGenerator random) {
        if (wire(setup, random) instanceof WebSocketWire webSocket) {
            return webSocket;
        }
        throw new IllegalStateException(cliName() + " does not connect over a WebSocket");
    }
}
