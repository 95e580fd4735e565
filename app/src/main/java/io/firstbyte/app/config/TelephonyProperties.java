package io.firstbyte.app.config;

import io.firstbyte.adapters.telephony.freeswitch.FreeSwitchPlayback;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Telephony settings. {@code publicUrl} is the server's address as Twilio reaches it (signatures
 * are computed over it, never over a client-supplied host). An empty {@code twilioAuthToken}
 * disables signature and call-token checks (local development and load tests). {@code gateways}
 * holds the other gateways' connection secrets; {@code freeswitchPlayback} how agent audio goes back to
 * mod_audio_stream (a module offering mod_audio_fork's subprotocol always gets its files);
 * {@code audiosocket} the Asterisk AudioSocket TCP listener.
 */
@Validated
@ConfigurationProperties("firstbyte.telephony")
public record TelephonyProperties(
        @NotBlank String publicUrl,
        @NotNull String twilioAuthToken,
        @NotNull Duration callTokenTtl,
        @NotNull Duration startTimeout,
        @NotNull DataSize maxFrameSize,
        @NotNull @Valid GatewaySecrets gateways,
        @NotNull FreeSwitchPlayback freeswitchPlayback,
        @NotNull @Valid AudioSocketProperties audiosocket) {

    public boolean signaturesRequired() {
        return !twilioAuthToken.isBlank();
    }

    /** The media WebSocket URL exactly as it appears in the TwiML. */
    public String twilioMediaUrl() {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base.replaceFirst("^https?://", "wss://") + "/twilio/media";
    }

    /**
     * The URL Twilio signed for a webhook request to this server: the public URL (never the proxied
     * request's scheme and host) followed by the request's path and query exactly as they arrived,
     * so a webhook configured with a query string ({@code /twilio/voice?tenant=…}) validates.
     */
    public String publicUrlOf(String rawPath, @Nullable String rawQuery) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }
}
