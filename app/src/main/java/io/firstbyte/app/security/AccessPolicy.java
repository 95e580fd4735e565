package io.firstbyte.app.security;

import static io.firstbyte.app.security.Ingress.AUDIOSOCKET;
import static io.firstbyte.app.security.Ingress.ASTERISK;
import static io.firstbyte.app.security.Ingress.FREESWITCH;
import static io.firstbyte.app.security.Ingress.JAMBONZ;
import static io.firstbyte.app.security.Ingress.PLIVO;
import static io.firstbyte.app.security.Ingress.RETELL;
import static io.firstbyte.app.security.Ingress.TELNYX;
import static io.firstbyte.app.security.Ingress.TWILIO;
import static io.firstbyte.app.security.Ingress.VAPI;
import static io.firstbyte.app.security.Ingress.VONAGE;

import io.firstbyte.adapters.telephony.common.SharedSecret;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Who may use which route. Routes are matched with the router's own path patterns on the path it
 * routes (decoded, without {@code ;} parameters), after the firewall refused any path that could
 * be read two ways; the first matching route decides. Health is open; {@link TokenRoute}s need a
 * bearer token; each ingress route is served only when its {@link Ingress} (one of them) is, and checks the
 * gateway's upgrade credentials here when the gateway sends them with the upgrade (the others are
 * verified by their handler: they are in the body or the first message); the tenant API checks its
 * own keys; in production, nothing else is served.
 */
public final class AccessPolicy {

    private static final Logger log = LoggerFactory.getLogger(AccessPolicy.class);

    /**
     * An ingress route, the ingress it belongs to (served while any of them is), the authority its
     * request must present (none: the handler's own check) and the status of a refusal: 401, except
     * for Twilio, whose signature is no HTTP authentication a client could answer (403, as its webhook
     * answers a bad signature).
     */
    private record IngressRoute(List<Ingress> ingresses, String pattern, @Nullable String authority, HttpStatus refusal) {

        IngressRoute(Ingress ingress, String pattern, @Nullable String authority, HttpStatus refusal) {
            this(List.of(ingress), pattern, authority, refusal);
        }

        IngressRoute(Ingress ingress, String pattern, @Nullable String authority) {
            this(List.of(ingress), pattern, authority, HttpStatus.UNAUTHORIZED);
        }
    }

    private static final List<IngressRoute> INGRESS_ROUTES = List.of(
            new IngressRoute(TWILIO, "/twilio/media/**", Credential.gateway(TWILIO), HttpStatus.FORBIDDEN),
            new IngressRoute(TWILIO, "/twilio/**", null), // the voice webhook: X-Twilio-Signature over the form
            new IngressRoute(TELNYX, "/audio/telnyx/**", Credential.gateway(TELNYX)),
            new IngressRoute(PLIVO, "/audio/plivo/**", null), // token in the first message
            new IngressRoute(PLIVO, "/plivo/**", null), // the transfer's aleg_url: X-Plivo-Signature-V3 over URL and form (handler)
            new IngressRoute(FREESWITCH, "/audio/freeswitch/**", Credential.gateway(FREESWITCH)),
            new IngressRoute(JAMBONZ, "/audio/jambonz/**", Credential.gateway(JAMBONZ)),
            new IngressRoute(JAMBONZ, "/jambonz/**", null), // the listen's actionHook: Jambonz-Signature or Basic (handler)
            new IngressRoute(VONAGE, "/audio/vonage/**", null), // token in the first message
            new IngressRoute(ASTERISK, "/audio/asterisk/**", Credential.gateway(ASTERISK)),
            new IngressRoute(AUDIOSOCKET, "/audiosocket/**", Credential.gateway(ASTERISK)),
            // where the dial plan asks, after either Asterisk gateway's media, where a caller goes next
            new IngressRoute(List.of(ASTERISK, AUDIOSOCKET), "/asterisk/**", Credential.gateway(ASTERISK), HttpStatus.UNAUTHORIZED),
            new IngressRoute(VAPI, "/tools/vapi/**", null), // X-Vapi-Secret
            new IngressRoute(RETELL, "/tools/retell/**", null)); // X-Retell-Signature over the body

    /** The operator console's sign-in form, its style sheet, and sign-out: open, so a browser can get a session. */
    static final String[] CONSOLE_SIGN_IN = {"/console/login", "/console/logout", "/console/assets/login.css", "/console/assets/login.js",
        "/console/assets/icon.svg"};

    private final IngressPolicy ingress;
    private final List<TokenRoute> tokenRoutes;

    AccessPolicy(IngressPolicy ingress, List<TokenRoute> tokenRoutes) {
        this.ingress = ingress;
        this.tokenRoutes = List.copyOf(tokenRoutes);
    }

    void authorize(ServerHttpSecurity.AuthorizeExchangeSpec routes) {
        routes.pathMatchers("/actuator/health", "/actuator/health/**").permitAll();
        routes.pathMatchers(CONSOLE_SIGN_IN).permitAll(); // the sign-in form and where it posts the token
        tokenRoutes.forEach(route -> routes.pathMatchers(route.patterns().toArray(String[]::new)).access(rule(route).manager()));
        INGRESS_ROUTES.forEach(route -> routes.pathMatchers(route.pattern()).access(rule(route).manager()));
        routes.pathMatchers("/api/**").permitAll(); // tenant API keys, checked by the API
        routes.pathMatchers(HttpMethod.GET, "/openapi.json", "/openapi.yaml").permitAll(); // the routes' shapes, no data
        routes.anyExchange().access((ingress.mode() == ServingMode.DEVELOPMENT ? AccessRule.open()
                : AccessRule.closed(Refusal.NOT_FOUND)).manager());
    }

    /** The configured bearer tokens as credentials (one per variable). */
    List<Credential> tokenCredentials() {
        Set<String> seen = new LinkedHashSet<>();
        List<Credential> credentials = new ArrayList<>();
        tokenRoutes.stream().flatMap(route -> route.tokens().stream())
                .filter(TokenRoute.BearerToken::configured)
                .filter(token -> seen.add(token.variable()))
                .forEach(token -> credentials.add(new Credential(token.authority(),
                        headers -> SharedSecret.matches(token.value(), HttpCredentials.bearer(headers)))));
        return credentials;
    }

    /** Where the chain reads credentials: the routes whose rule needs them. */
    ServerWebExchangeMatcher credentialRoutes() {
        List<String> patterns = new ArrayList<>();
        tokenRoutes.forEach(route -> patterns.addAll(route.patterns()));
        INGRESS_ROUTES.stream().filter(route -> route.authority() != null).map(IngressRoute::pattern).forEach(patterns::add);
        return ServerWebExchangeMatchers.pathMatchers(patterns.toArray(String[]::new));
    }

    private AccessRule rule(TokenRoute route) {
        Set<String> authorities = route.tokens().stream().filter(TokenRoute.BearerToken::configured)
                .map(TokenRoute.BearerToken::authority).collect(Collectors.toSet());
        if (!authorities.isEmpty()) {
            String needs = route.title() + " needs Authorization: Bearer <" + route.variables() + ">";
            return AccessRule.anyOf(authorities,
                    route.signIn() == null ? Refusal.unauthorized(needs) : Refusal.signIn(route.signIn(), needs + " or a sign-in"),
                    Refusal.forbidden(route.title() + " needs " + route.variables() + ", not another credential"));
        }
        String set = route.tokens().getFirst().variable();
        return ingress.mode() == ServingMode.DEVELOPMENT
                ? AccessRule.thisMachineOnly(Refusal.forbidden(route.title()
                        + " answers this machine only in development mode; set " + set + " to reach it from elsewhere"))
                : AccessRule.closed(Refusal.forbidden(route.title() + " is closed until " + set + " is set"));
    }

    private AccessRule rule(IngressRoute route) {
        Ingress way = route.ingresses().stream().filter(ingress::serves).findFirst().orElse(null);
        if (way == null) {
            return AccessRule.closed(Refusal.forbidden(notServed(route.ingresses())));
        }
        if (route.authority() == null || !ingress.hasSecret(way)) {
            return AccessRule.open();
        }
        AccessRule credentials = AccessRule.anyOf(Set.of(route.authority()),
                new Refusal(route.refusal(), "missing or wrong " + way.title() + " credentials"),
                Refusal.forbidden("these are not " + way.title() + " credentials"));
        return (authentication, exchange) -> credentials.refusal(authentication, exchange)
                .doOnNext(refused -> log.warn("{} request refused: {}", way.title(), refused.message()));
    }

    /** Why none of {@code ways} is served, and what to set. */
    private String notServed(List<Ingress> ways) {
        String titles = ways.stream().map(Ingress::title).collect(Collectors.joining(" and "));
        String verb = ways.size() == 1 ? " is" : " are";
        boolean turnedOff = ingress.mode() == ServingMode.DEVELOPMENT && ways.stream().allMatch(way -> way.enabled() != null);
        return titles + (turnedOff
                ? verb + " turned off by " + ways.stream().map(way -> way.enabled().variable() + "=false").collect(Collectors.joining(" and "))
                : verb + " not served: " + ways.stream().map(Ingress::howToEnable).collect(Collectors.joining("; or ")));
    }
}
