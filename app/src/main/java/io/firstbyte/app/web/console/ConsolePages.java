package io.firstbyte.app.web.console;

import io.firstbyte.app.security.ConsoleSession;
import io.firstbyte.app.web.records.CallRecordsHandler;
import java.net.URI;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The operator console's routes: {@code GET /console} (the page), its scripts and styles under
 * {@code /console/assets/}, the browser sign-in ({@code GET}/{@code POST /console/login}, {@code POST
 * /console/logout}, see {@link ConsoleSession}), the live stream ({@link CallChangeStream}) and the call
 * records it searches ({@code /console/api/calls}, read-only, as {@code /admin/calls} answers them).
 * Who may use them is the authorization layer's business: the operator's, like {@code /calls}. The page
 * and its assets come from this jar only: no CDN, no inline script, and a content security policy
 * that keeps it that way.
 */
public final class ConsolePages {

    /** Scripts, styles and connections from this server only; nothing may frame the console. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final Resource PAGE = new ClassPathResource("console/index.html");
    private static final Resource SIGN_IN = new ClassPathResource("console/login.html");
    private static final Resource ASSETS = new ClassPathResource("console/assets/");

    private final ConsoleSession session;
    private final CallChangeStream changes;
    private final CallRecordsHandler records;

    public ConsolePages(ConsoleSession session, CallChangeStream changes, CallRecordsHandler records) {
        this.session = session;
        this.changes = changes;
        this.records = records;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/console", request -> page(PAGE))
                .GET("/console/login", this::signInForm)
                .POST("/console/login", this::signIn)
                .POST("/console/logout", this::signOut)
                .GET("/console/events", changes::stream)
                .build()
                .and(records.routes("/console/api/calls"))
                .and(RouterFunctions.resources("/console/assets/**", ASSETS))
                .filter((request, next) -> {
                    secured(request.exchange().getResponse().getHeaders());
                    return next.handle(request);
                });
    }

    private Mono<ServerResponse> signInForm(ServerRequest request) {
        return session.enabled() ? page(SIGN_IN) : seeOther("/console");
    }

    private Mono<ServerResponse> signIn(ServerRequest request) {
        if (!session.enabled()) {
            return ServerResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(java.util.Map.of("error", "no OPERATOR_TOKEN is set: the console needs no sign-in and answers this machine only"));
        }
        boolean secure = secure(request);
        return request.formData()
                .map(form -> session.tokenMatches(form.getFirst("token")))
                .flatMap(matches -> matches
                        ? ServerResponse.seeOther(URI.create("/console")).cookie(session.issue(secure)).build()
                        : seeOther("/console/login?failed"));
    }

    private Mono<ServerResponse> signOut(ServerRequest request) {
        return ServerResponse.seeOther(URI.create(session.enabled() ? "/console/login" : "/console"))
                .cookie(ConsoleSession.cleared(secure(request))).build();
    }

    private static Mono<ServerResponse> page(Resource page) {
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page);
    }

    private static Mono<ServerResponse> seeOther(String location) {
        return ServerResponse.seeOther(URI.create(location)).build();
    }

    /** HTTPS as the browser saw it: directly, or through a proxy that says so. */
    private static boolean secure(ServerRequest request) {
        return "https".equalsIgnoreCase(request.uri().getScheme())
                || "https".equalsIgnoreCase(request.headers().firstHeader("X-Forwarded-Proto"));
    }

    /** Beside the authorization layer's own headers (no sniffing, no caching, no framing). */
    private static void secured(HttpHeaders headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("Referrer-Policy", "no-referrer");
    }
}
