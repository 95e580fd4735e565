package io.firstbyte.app.web.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI 3.1 description of {@code /api} and {@code /admin}, written by hand next to the routes
 * ({@value #RESOURCE}; a test holds it to the routes the router serves) and served as
 * {@code GET /openapi.json} and {@code GET /openapi.yaml}. Read once, at start-up.
 */
public final class OpenApiDocument {

    public static final String RESOURCE = "openapi/firstbyte.yaml";

    private final String yaml;
    private final String json;

    private OpenApiDocument(String yaml, String json) {
        this.yaml = yaml;
        this.json = json;
    }

    /** Blocking (reads a class-path resource): call it once, at start-up. */
    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            return new OpenApiDocument(yaml, JsonMapper.builder().build().writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String json() {
        return json;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/openapi.json", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(json))
                .GET("/openapi.yaml", request -> ServerResponse.ok().contentType(MediaType.parseMediaType("application/yaml"))
                        .bodyValue(yaml))
                .build();
    }
}
