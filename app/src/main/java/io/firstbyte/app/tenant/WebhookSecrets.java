package io.firstbyte.app.tenant;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A business's webhook signing secret at rest ({@code tenant.webhook_secret}): AES-GCM sealed with the
 * credentials key ({@code FIRSTBYTE_CREDENTIALS_KEY}), bound to the tenant, stored as the 12-byte
 * nonce followed by ciphertext and tag. It has to be readable to sign with, so it is encrypted, not
 * hashed; without a credentials key the admin API refuses to store one.
 */
public final class WebhookSecrets {

    private static final String PURPOSE = "webhook";
    private static final int NONCE_BYTES = 12;

    private final @Nullable CredentialCipher cipher;

    public WebhookSecrets(@Nullable CredentialCipher cipher) {
        this.cipher = cipher;
    }

    public boolean enabled() {
        return cipher != null;
    }

    /** The stored form of {@code secret}; uses SecureRandom, so call it off the event loop. */
    public byte[] seal(String tenantId, String secret) {
        if (cipher == null) {
            throw new IllegalStateException("webhook secrets need FIRSTBYTE_CREDENTIALS_KEY");
        }
        CredentialCipher.Sealed sealed = cipher.seal(tenantId, PURPOSE, secret);
        byte[] stored = Arrays.copyOf(sealed.nonce(), NONCE_BYTES + sealed.ciphertext().length);
        System.arraycopy(sealed.ciphertext(), 0, stored, NONCE_BYTES, sealed.ciphertext().length);
        return stored;
    }

    /** The secret {@link #seal} stored for {@code tenantId}. */
    public String open(String tenantId, byte[] stored) {
        if (cipher == null) {
            throw new IllegalStateException("webhook secrets need FIRSTBYTE_CREDENTIALS_KEY");
        }
        return cipher.open(tenantId, PURPOSE, new CredentialCipher.Sealed(Arrays.copyOf(stored, NONCE_BYTES),
                Arrays.copyOfRange(stored, NONCE_BYTES, stored.length)));
    }
}
