package io.firstbyte.app.security;

import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;

/**
 * One configured secret and the authority it grants when a request presents it the way its
 * sender can (a bearer token, HTTP Basic, a gateway's own header or signature).
 */
record Credential(String authority, Predicate<HttpHeaders> presentedIn) {

    static final String OPERATOR = "operator";
    static final String METRICS = "metrics";
    static final String ADMIN = "admin";

    static String gateway(Ingress ingress) {
        return "gateway:" + ingress.name().toLowerCase(java.util.Locale.ROOT);
    }
}
