package io.firstbyte.app.embedded;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Stops a start that has no store URL and no embedded server for it (the container image without
 * {@code DATABASE_URL} or {@code REDIS_URL}) as soon as the configuration is read, before any bean is
 * made. Registered in META-INF/spring.factories.
 */
public final class StoreUrlsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        StoreUrlsMissing.check(environment.getProperty("firstbyte.database.url", ""),
                environment.getProperty("firstbyte.redis.url", ""), event.getSpringApplication().getClassLoader());
    }
}
