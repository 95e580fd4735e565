package io.firstbyte.app.security;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Routes for people and their tools rather than for calls ({@code /calls/**}, metrics, later
 * {@code /admin/**}): open to any of {@code tokens} as {@code Authorization: Bearer}; with no token
 * configured, to this machine only in development and to nobody in production.
 *
 * @param title what the routes are, for messages ("call control")
 * @param patterns the routes, as the router's path patterns
 * @param tokens the bearer tokens that open them, first the one to suggest
 * @param signIn for pages a browser loads: where a request without credentials is sent to sign in
 *               (when a token is configured), instead of a 401
 */
record TokenRoute(String title, List<String> patterns, List<BearerToken> tokens, @Nullable String signIn) {

    TokenRoute(String title, List<String> patterns, List<BearerToken> tokens) {
        this(title, patterns, tokens, null);
    }

    /** A bearer token, the variable it is set with, and the authority it grants. */
    record BearerToken(String variable, String authority, String value) {

        boolean configured() {
            return !value.isBlank();
        }

        @Override
        public String toString() {
            return "BearerToken[" + variable + "=" + (configured() ? "<set>" : "<none>") + "]";
        }
    }

    TokenRoute {
        patterns = List.copyOf(patterns);
        tokens = List.copyOf(tokens);
    }

    String variables() {
        return String.join(" or ", tokens.stream().map(BearerToken::variable).toList());
    }
}
