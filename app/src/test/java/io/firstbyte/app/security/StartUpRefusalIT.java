package io.firstbyte.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.app.FirstbyteApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** A production configuration that cannot be served does not start, and one message says everything to set. */
class StartUpRefusalIT {

    @Test
    void enabledGatewaysWithoutTheirSecretsStopStartUpNamingEveryMissingVariable() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(FirstbyteApplication.class)
                .run("--server.port=0", "--firstbyte.telephony.audiosocket.port=0",
                        "--firstbyte.operator.token=operator-secret-2",
                        "--firstbyte.security.gateways.telnyx=true",
                        "--firstbyte.security.gateways.jambonz=true",
                        "--firstbyte.telephony.audiosocket.enabled=true")
                .close())
                .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage())
                        .contains("TELNYX_STREAM_TOKEN", "JAMBONZ_WS_PASSWORD", "ASTERISK_WS_PASSWORD")
                        .doesNotContain("operator-secret-2"));
    }
}
