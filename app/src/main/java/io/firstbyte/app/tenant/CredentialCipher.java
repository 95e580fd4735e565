package io.firstbyte.app.tenant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for provider credentials at rest. The key comes from configuration
 * ({@code FIRSTBYTE_CREDENTIALS_KEY}, base64 of 16, 24 or 32 bytes); the associated data binds
 * each ciphertext to its tenant and provider, so a row copied to another tenant does not decrypt.
 * {@link #toString()} never shows the key.
 */
public final class CredentialCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public CredentialCipher(String base64Key) {
        byte[] raw = Base64.getDecoder().decode(base64Key);
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalArgumentException("the credentials key must be base64 of 16, 24 or 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** Sealed bytes: nonce and ciphertext. Uses SecureRandom, so call it off the event loop. */
    public record Sealed(byte[] nonce, byte[] ciphertext) {
    }

    public Sealed seal(String tenantId, String provider, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Sealed(nonce, run(Cipher.ENCRYPT_MODE, nonce, tenantId, provider,
                secret.getBytes(StandardCharsets.UTF_8)));
    }

    public String open(String tenantId, String provider, Sealed sealed) {
        return new String(run(Cipher.DECRYPT_MODE, sealed.nonce(), tenantId, provider, sealed.ciphertext()),
                StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, String tenantId, String provider, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD((tenantId + "/" + provider).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credential could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"));
        }
    }

    @Override
    public String toString() {
        return "CredentialCipher[AES-GCM, key hidden]";
    }
}
