package io.firstbyte.app.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void aSealedCredentialOpensOnlyForItsTenantAndProvider() {
        CredentialCipher cipher = new CredentialCipher(KEY);
        CredentialCipher.Sealed sealed = cipher.seal("tenant-a", "deepgram", "dg-secret-value");

        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("dg-secret-value");
        assertThat(cipher.open("tenant-a", "deepgram", sealed)).isEqualTo("dg-secret-value");
        assertThatThrownBy(() -> cipher.open("tenant-b", "deepgram", sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("dg-secret");
    }

    @Test
    void theKeyNeverShowsInToString() {
        assertThat(new CredentialCipher(KEY).toString()).doesNotContain(KEY);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new CredentialCipher(Base64.getEncoder().encodeToString(new byte[7])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
