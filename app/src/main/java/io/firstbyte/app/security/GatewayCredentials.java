package io.firstbyte.app.security;

import io.firstbyte.adapters.telephony.common.SharedSecret;
import io.firstbyte.adapters.telephony.twilio.TwilioSignature;
import io.firstbyte.app.config.GatewaySecrets;
import io.firstbyte.app.config.TelephonyProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateways' upgrade credentials, each the way that gateway can send it: Twilio's
 * {@code X-Twilio-Signature} over the public media URL, Telnyx's
 * {@code x-telnyx-streaming-auth-token}, FreeSWITCH's bearer token (from {@code STREAM_EXTRA_HEADERS}),
 * jambonz's {@code wsAuth} and Asterisk's {@code websocket_client.conf} credentials as HTTP Basic
 * (the Asterisk ones also register AudioSocket calls and ask {@code /asterisk/after-stream}). Plivo and Vonage can carry theirs only in
 * the first message, where the media handler checks it. Only configured secrets are listed.
 */
final class GatewayCredentials {

    static final String TWILIO_SIGNATURE_HEADER = "X-Twilio-Signature";
    static final String TELNYX_TOKEN_HEADER = "x-telnyx-streaming-auth-token";

    private GatewayCredentials() {
    }

    static List<Credential> of(TelephonyProperties telephony) {
        GatewaySecrets secrets = telephony.gateways();
        List<Credential> credentials = new ArrayList<>();
        if (telephony.signaturesRequired()) {
            TwilioSignature twilio = new TwilioSignature(telephony.twilioAuthToken());
            String mediaUrl = telephony.twilioMediaUrl();
            credentials.add(new Credential(Credential.gateway(Ingress.TWILIO),
                    headers -> twilio.isValidUpgrade(mediaUrl, headers.getFirst(TWILIO_SIGNATURE_HEADER))));
        }
        if (!secrets.telnyxStreamToken().isEmpty()) {
            credentials.add(new Credential(Credential.gateway(Ingress.TELNYX),
                    headers -> SharedSecret.matches(secrets.telnyxStreamToken(), headers.getFirst(TELNYX_TOKEN_HEADER))));
        }
        if (!secrets.freeswitchToken().isEmpty()) {
            credentials.add(new Credential(Credential.gateway(Ingress.FREESWITCH),
                    headers -> SharedSecret.matches(secrets.freeswitchToken(), HttpCredentials.bearer(headers))));
        }
        if (!secrets.jambonzPassword().isEmpty()) {
            credentials.add(new Credential(Credential.gateway(Ingress.JAMBONZ),
                    HttpCredentials.basic(secrets.jambonzUsername(), secrets.jambonzPassword())));
        }
        if (!secrets.asteriskPassword().isEmpty()) {
            credentials.add(new Credential(Credential.gateway(Ingress.ASTERISK),
                    HttpCredentials.basic(secrets.asteriskUsername(), secrets.asteriskPassword())));
        }
        return credentials;
    }
}
