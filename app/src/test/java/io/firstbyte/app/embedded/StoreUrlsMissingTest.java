package io.firstbyte.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

class StoreUrlsMissingTest {

    /** Sees the JDK only, as the container image's class path sees no embedded PostgreSQL or Redis. */
    private static final ClassLoader WITHOUT_EMBEDDED_STORES = ClassLoader.getPlatformClassLoader();

    @Test
    void withoutEmbeddedStoresBothBlankUrlsAreNamedInOneMessage() {
        StoreUrlsMissing missing = catchThrowableOfType(StoreUrlsMissing.class,
                () -> StoreUrlsMissing.check("", " ", WITHOUT_EMBEDDED_STORES));

        assertThat(missing.variables()).containsExactly("DATABASE_URL", "REDIS_URL");
        assertThat(missing.getMessage()).isEqualTo("DATABASE_URL and REDIS_URL are not set, and this build has no"
                + " embedded PostgreSQL or Redis to start instead (the container image never has one)");
    }

    @Test
    void withoutEmbeddedStoresOnlyTheBlankUrlIsNamed() {
        StoreUrlsMissing missing = catchThrowableOfType(StoreUrlsMissing.class,
                () -> StoreUrlsMissing.check("postgres://db:5432/firstbyte", "", WITHOUT_EMBEDDED_STORES));

        assertThat(missing.variables()).containsExactly("REDIS_URL");
        assertThat(missing.getMessage()).startsWith("REDIS_URL is not set, and this build has no embedded Redis");
    }

    @Test
    void withoutEmbeddedStoresBothUrlsSetStart() {
        assertThatCode(() -> StoreUrlsMissing.check("postgres://db:5432/firstbyte", "redis://cache:6379",
                WITHOUT_EMBEDDED_STORES)).doesNotThrowAnyException();
    }

    @Test
    void theRunnableJarStartsItsEmbeddedStoresWhenUrlsAreBlank() {
        assertThatCode(() -> StoreUrlsMissing.check("", "", StoreUrlsMissingTest.class.getClassLoader()))
                .doesNotThrowAnyException();
    }

    @Test
    void theCheckRunsAsSoonAsTheConfigurationIsRead() {
        ApplicationListener<?> check = registered(ApplicationListener.class, StoreUrlsCheck.class);
        SpringApplication application = new SpringApplication();
        application.setResourceLoader(new DefaultResourceLoader(WITHOUT_EMBEDDED_STORES));
        MockEnvironment environment = new MockEnvironment()
                .withProperty("firstbyte.database.url", "postgres://db:5432/firstbyte");

        StoreUrlsMissing missing = catchThrowableOfType(StoreUrlsMissing.class, () -> ((StoreUrlsCheck) check)
                .onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), application,
                        new String[0], environment)));

        assertThat(missing.variables()).containsExactly("REDIS_URL");
    }

    @Test
    void springBootReportsItAsOneDescriptionAndActionInsteadOfAStackTrace() {
        StoreUrlsMissing missing = catchThrowableOfType(StoreUrlsMissing.class,
                () -> StoreUrlsMissing.check("", "", WITHOUT_EMBEDDED_STORES));
        FailureAnalyzer analyzer = registered(FailureAnalyzer.class, StoreUrlsMissingAnalyzer.class);

        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("listener failed", missing));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo(missing.getMessage()).doesNotContain("\n");
        assertThat(analysis.getAction()).isEqualTo(
                "Set DATABASE_URL=postgres://user:password@host:5432/database and REDIS_URL=redis://host:6379.");
    }

    /** The instance META-INF/spring.factories registers for {@code type}, as Spring Boot loads it. */
    private static <T> T registered(Class<T> type, Class<? extends T> implementation) {
        return SpringFactoriesLoader.forDefaultResourceLocation()
                .load(type, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }))
                .stream()
                .filter(implementation::isInstance)
                .findFirst()
                .orElseThrow(() -> new AssertionError(implementation.getSimpleName() + " is not in META-INF/spring.factories"));
    }
}
