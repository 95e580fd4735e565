package io.firstbyte.app.config;

import jakarta.validation.constraints.NotNull;

/**
 * The secrets each gateway presents when it connects to {@code /audio/<dialect>}; an empty value
 * leaves that gateway open (local development and load tests). The upgrade-time ones are checked
 * before the WebSocket is accepted; Plivo and Vonage can only carry theirs in the first message
 * ({@code extraHeaders} / the NCCO's {@code headers}), as the parameter {@code token}.
 *
 * @param telnyxStreamToken Telnyx {@code stream_auth_token}, sent as {@code x-telnyx-streaming-auth-token}
 * @param plivoToken the {@code token} in Plivo's {@code extraHeaders}
 * @param freeswitchToken the bearer token of {@code Authorization} in {@code STREAM_EXTRA_HEADERS}
 * @param jambonzUsername {@code wsAuth.username} (HTTP Basic)
 * @param jambonzPassword {@code wsAuth.password}
 * @param vonageToken the {@code token} in the NCCO websocket endpoint's {@code headers}
 * @param asteriskUsername {@code username} in {@code websocket_client.conf} (HTTP Basic)
 * @param asteriskPassword {@code password} in {@code websocket_client.conf}
 * @param jambonzWebhookSecret the jambonz account's webhook secret: its {@code Jambonz-Signature} on the
 *                             listen verb's actionHook request is then required
 */
public record GatewaySecrets(
        @NotNull String telnyxStreamToken,
        @NotNull String plivoToken,
        @NotNull String freeswitchToken,
        @NotNull String jambonzUsername,
        @NotNull String jambonzPassword,
        @NotNull String vonageToken,
        @NotNull String asteriskUsername,
        @NotNull String asteriskPassword,
        @NotNull String jambonzWebhookSecret) {

    public static final GatewaySecrets NONE = new GatewaySecrets("", "", "", "", "", "", "", "", "");
}
