package io.firstbyte.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorPropertiesTest {

    @Test
    void theTokensNeverAppearInTheConfigurationsText() {
        assertThat(new OperatorProperties("s3cret-operator").toString()).doesNotContain("s3cret");
        assertThat(new SecurityProperties("production", "s3cret-scrape", null).toString()).doesNotContain("s3cret");
    }
}
