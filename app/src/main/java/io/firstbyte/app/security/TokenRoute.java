package io.firstbyte.app.security;

import java.util.List;

/**
 * Routes for people and their tools rather than for calls ({@code /calls/**}, metrics, later
 * {@code /admin/**}): open to any of {@code tokens} as {@code Authorization: Bearer}; with no token
 * configured, to this machine only in development and to nobody in production.
 *
 * @param title what the routes are, for messages ("call control")
 * @param patterns the routes, as the router's path patterns
 * @param tokens the bearer tokens that open them, first the one to suggest
 */
record TokenRoute(String title, List<String> patterns, List<BearerToken> tokens) {

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
