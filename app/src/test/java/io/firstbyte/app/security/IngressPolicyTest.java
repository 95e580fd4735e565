package io.firstbyte.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class IngressPolicyTest {

    private static IngressPolicy decide(String... properties) {
        MockEnvironment environment = new MockEnvironment();
        for (int i = 0; i < properties.length; i += 2) {
            environment.setProperty(properties[i], properties[i + 1]);
        }
        return IngressPolicy.decide(environment);
    }

    @Test
    void nothingSetIsDevelopmentServingEverythingAndSaysSoInOneLine() {
        IngressPolicy policy = decide("firstbyte.telephony.twilio-auth-token", " ", "firstbyte.database.url", "");
        assertThat(policy.mode()).isEqualTo(ServingMode.DEVELOPMENT);
        assertThat(policy.served()).containsExactlyInAnyOrder(Ingress.values());
        assertThat(policy.describe()).startsWith("DEVELOPMENT mode").contains("everything is open to this machine")
                .doesNotContain("\n");
    }

    @Test
    void theAdminTokenAloneIsProductionWithTheAdminApiBehindIt() {
        IngressPolicy policy = decide("firstbyte.admin.token", "adm-1");
        assertThat(policy.mode()).isEqualTo(ServingMode.PRODUCTION);
        assertThat(policy.describe()).startsWith("PRODUCTION mode (ADMIN_TOKEN set)").contains("admin API: bearer ADMIN_TOKEN")
                .doesNotContain("adm-1");
        assertThat(decide("firstbyte.operator.token", "op").describe()).contains("admin API: closed (set ADMIN_TOKEN)");
    }

    @Test
    void providerKeysDoNotMakeItProduction() {
        assertThat(decide("firstbyte.providers.deepgram.api-key", "dg-key").mode()).isEqualTo(ServingMode.DEVELOPMENT);
    }

    @Test
    void anExternalStoreAloneIsProductionServingNoCallIngress() {
        IngressPolicy policy = decide("firstbyte.database.url", "postgres://db:5432/firstbyte");
        assertThat(policy.mode()).isEqualTo(ServingMode.PRODUCTION);
        assertThat(policy.served()).isEmpty();
        assertThat(policy.describe()).startsWith("PRODUCTION mode (DATABASE_URL set)")
                .contains("call control: closed (set OPERATOR_TOKEN)", "metrics: closed (set METRICS_TOKEN)");
    }

    @Test
    void onlyTheTwilioTokenServesTwilioAndNothingElse() {
        IngressPolicy policy = decide("firstbyte.telephony.twilio-auth-token", "tok");
        assertThat(policy.mode()).isEqualTo(ServingMode.PRODUCTION);
        assertThat(policy.served()).containsExactly(Ingress.TWILIO);
    }

    @Test
    void aGatewayIsServedInProductionOnlyWhenEnabledWithItsSecret() {
        IngressPolicy policy = decide("firstbyte.telephony.gateways.telnyx-stream-token", "t",
                "firstbyte.security.gateways.telnyx", "true",
                "firstbyte.telephony.gateways.jambonz-password", "j",
                "firstbyte.booking.vapi-secret", "v");
        assertThat(policy.served()).containsExactlyInAnyOrder(Ingress.TELNYX, Ingress.VAPI);
        assertThat(policy.warnings()).singleElement().asString().contains("JAMBONZ_WS_PASSWORD", "JAMBONZ_ENABLED");
    }

    @Test
    void enabledGatewaysWithoutTheirSecretsStopStartUpWithOneMessageNamingEveryVariable() {
        assertThatThrownBy(() -> decide("firstbyte.operator.token", "op",
                "firstbyte.security.gateways.telnyx", "true",
                "firstbyte.security.gateways.jambonz", "TRUE",
                "firstbyte.telephony.audiosocket.enabled", "true",
                "firstbyte.security.gateways.vonage", "yes"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("TELNYX_STREAM_TOKEN", "JAMBONZ_WS_PASSWORD", "ASTERISK_WS_PASSWORD",
                        "VONAGE_ENABLED must be true or false")
                .message().doesNotContain("\n");
    }

    @Test
    void developmentCannotBeForcedWhileASecretIsSet() {
        assertThatThrownBy(() -> decide("firstbyte.security.mode", "development", "firstbyte.operator.token", "op-7f3a",
                "firstbyte.booking.retell-api-key", "r"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("FIRSTBYTE_MODE=development", "OPERATOR_TOKEN", "RETELL_API_KEY")
                .message().doesNotContain("op-7f3a");
    }

    @Test
    void developmentMayBeForcedBesideADevelopersOwnStores() {
        IngressPolicy policy = decide("firstbyte.security.mode", "Development", "firstbyte.database.url", "postgres://localhost/dev");
        assertThat(policy.mode()).isEqualTo(ServingMode.DEVELOPMENT);
        assertThat(policy.describe()).contains("FIRSTBYTE_MODE=development, DATABASE_URL set");
    }

    @Test
    void productionMayBeForcedWithNothingSetAndThenServesNothing() {
        IngressPolicy policy = decide("firstbyte.security.mode", "production");
        assertThat(policy.mode()).isEqualTo(ServingMode.PRODUCTION);
        assertThat(policy.served()).isEmpty();
        assertThatThrownBy(() -> decide("firstbyte.security.mode", "prod")).hasMessageContaining("FIRSTBYTE_MODE");
    }

    @Test
    void inDevelopmentAGatewayCanBeTurnedOff() {
        IngressPolicy policy = decide("firstbyte.security.gateways.telnyx", "false", "firstbyte.telephony.audiosocket.enabled", "false");
        assertThat(policy.served()).isEqualTo(EnumSet.complementOf(EnumSet.of(Ingress.TELNYX, Ingress.AUDIOSOCKET)));
    }

    @Test
    void theStartUpLineNamesVariablesNeverValues() {
        IngressPolicy policy = decide("firstbyte.operator.token", "op-secret-value", "firstbyte.telephony.twilio-auth-token", "tw-secret");
        assertThat(policy.describe()).contains("OPERATOR_TOKEN", "TWILIO_AUTH_TOKEN").doesNotContain("secret");
    }
}
