package io.firstbyte.app.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Authentication for the chain: a request carrying credential headers is checked against every
 * configured {@link Credential} (each compared in constant time) and gets the authorities of those it
 * presents. Credentials that match nothing authenticate nobody: the route's rule then refuses
 * or, on a route with its own checks, lets the handler decide. There are no users and no sessions.
 */
final class CredentialAuthentication implements ReactiveAuthenticationManager, ServerAuthenticationConverter {

    private static final List<String> CREDENTIAL_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE,
            GatewayCredentials.TWILIO_SIGNATURE_HEADER, GatewayCredentials.TELNYX_TOKEN_HEADER);

    private final List<Credential> credentials;

    CredentialAuthentication(List<Credential> credentials) {
        this.credentials = List.copyOf(credentials);
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (CREDENTIAL_HEADERS.stream().noneMatch(headers::containsHeader)) {
            return Mono.empty();
        }
        return Mono.just(new Presented(HttpHeaders.readOnlyHttpHeaders(headers), Set.of()));
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof Presented presented)) {
            return Mono.empty();
        }
        Set<GrantedAuthority> granted = credentials.stream()
                .filter(credential -> credential.presentedIn().test(presented.headers))
                .map(credential -> (GrantedAuthority) new SimpleGrantedAuthority(credential.authority()))
                .collect(Collectors.toUnmodifiableSet());
        if (granted.isEmpty()) {
            return Mono.error(new BadCredentialsException("no configured credential matches"));
        }
        return Mono.just(new Presented(presented.headers, granted));
    }

    /** The credential headers of one request; authenticated once they granted an authority. */
    static final class Presented extends AbstractAuthenticationToken {

        private final transient HttpHeaders headers;

        Presented(HttpHeaders headers, Set<GrantedAuthority> granted) {
            super(granted);
            this.headers = headers;
            setAuthenticated(!granted.isEmpty());
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().collect(Collectors.joining(","));
        }
    }
}
