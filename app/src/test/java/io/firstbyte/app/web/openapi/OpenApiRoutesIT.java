package io.firstbyte.app.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.ItDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document describes exactly what the router serves under /api and /admin: every route
 * (method and path) is in it and everything in it is a route. It is served to anyone, also in
 * production: it holds no data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.admin.token=openapi-it-token", "firstbyte.booking.seed-demo=false"})
class OpenApiRoutesIT {

    static final ItDatabase DATABASE = ItDatabase.create(Clock.systemUTC());

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("firstbyte.database.url", DATABASE::url);
        registry.add("firstbyte.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("firstbyte.redis.key-prefix", () -> "fbit" + ThreadLocalRandom.current().nextInt(1_000_000));
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void everyApiAndAdminRouteIsDescribedAndEveryDescribedRouteIsServed() {
        Set<String> served = new TreeSet<>();
        context.getBeansOfType(RouterFunction.class).values().forEach(router -> collect(router, served));
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns().forEach(pattern ->
                        info.getMethodsCondition().getMethods().forEach(method ->
                                add(served, method.name(), pattern.getPatternString())))));

        JsonNode document = JsonMapper.builder().build().readTree(OpenApiDocument.load().json());
        Set<String> described = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Iterator<String> methods = path.getValue().propertyNames().iterator(); methods.hasNext(); ) {
                String method = methods.next();
                if (!method.equals("parameters")) {
                    add(described, method.toUpperCase(Locale.ROOT), path.getKey());
                }
            }
        }

        assertThat(served).as("routes under /api and /admin").hasSizeGreaterThan(20);
        assertThat(described).isEqualTo(served);
    }

    @Test
    void theDocumentIsServedToAnyoneAlsoInProduction() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        String json = http.get().uri("/openapi.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(json).startsWith("{\"openapi\":\"3.1.0\"").contains("/admin/businesses/{id}/api-keys");
        http.get().uri("/openapi.yaml").exchange().expectStatus().isOk();
        http.get().uri("/admin/businesses").exchange().expectStatus().isUnauthorized();
    }

    private static void add(Set<String> routes, String method, String path) {
        if (path.startsWith("/api/") || path.startsWith("/admin/")) {
            routes.add(method + " " + path.replaceAll("\\{[^}]+}", "{}"));
        }
    }

    /** Each route's method and path pattern, read with the router's own visitors. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void collect(RouterFunction router, Set<String> routes) {
        router.accept(new RouterFunctions.Visitor() {
            @Override
            public void startNested(RequestPredicate predicate) {
            }

            @Override
            public void endNested(RequestPredicate predicate) {
            }

            @Override
            public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
                Set<String> methods = new TreeSet<>();
                Set<String> paths = new TreeSet<>();
                predicate.accept(new PredicateParts(methods, paths));
                methods.forEach(method -> paths.forEach(path -> add(routes, method, path)));
            }

            @Override
            public void resources(Function<org.springframework.web.reactive.function.server.ServerRequest,
                    reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookup) {
            }

            @Override
            public void attributes(Map<String, Object> attributes) {
            }

            @Override
            public void unknown(RouterFunction<?> routerFunction) {
            }
        });
    }

    private record PredicateParts(Set<String> methods, Set<String> paths) implements RequestPredicates.Visitor {
        @Override
        public void method(Set<HttpMethod> methods) {
            methods.forEach(method -> this.methods.add(method.name()));
        }

        @Override
        public void path(String pattern) {
            paths.add(pattern);
        }

        @Override
        public void pathExtension(String extension) {
        }

        @Override
        public void version(String version) {
        }

        @Override
        public void header(String name, String value) {
        }

        @Override
        public void queryParam(String name, String value) {
        }

        @Override
        public void startAnd() {
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
        }

        @Override
        public void startOr() {
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
        }

        @Override
        public void startNegate() {
        }

        @Override
        public void endNegate() {
        }

        @Override
        public void unknown(RequestPredicate predicate) {
        }
    }
}
