package io.firstbyte.app.wiring;

import io.firstbyte.app.config.OperatorProperties;
import io.firstbyte.app.web.calls.OperatorAccessFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Access to the operator's call-control routes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
public class OperatorConfiguration {

    @Bean
    OperatorAccessFilter operatorAccessFilter(OperatorProperties operator) {
        return new OperatorAccessFilter(operator);
    }
}
