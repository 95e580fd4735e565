package io.firstbyte.app.wiring;

import io.firstbyte.app.web.errors.OversizedBodies;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;

/** Answers for requests refused before a handler answered them. */
@Configuration(proxyBeanMethods = false)
public class WebErrorsConfiguration {

    /** Ahead of Spring Boot's error handler (order -1), which would answer with its own multi-field body. */
    @Bean
    @Order(-2)
    OversizedBodies oversizedBodies(@Value("${spring.http.codecs.max-in-memory-size:256KB}") DataSize limit) {
        return new OversizedBodies(limit);
    }
}
