package io.firstbyte.app.security;

import io.firstbyte.app.config.AdminProperties;
import io.firstbyte.app.config.OperatorProperties;
import io.firstbyte.app.config.SecurityProperties;
import io.firstbyte.app.config.TelephonyProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The one authorization layer: Spring Security's WebFlux chain, stateless (no server-side session, no
 * user store, no CSRF token: the one browser form, the operator console's sign-in, trades the
 * operator token for a signed, same-site-only cookie, see {@link ConsoleSession}), behind its strict firewall,
 * with every refusal as one-line JSON. Its {@link CredentialAuthentication} is the application's
 * only authentication manager, so Spring Boot generates no default user.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({OperatorProperties.class, SecurityProperties.class, AdminProperties.class})
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    IngressPolicy ingressPolicy(Environment environment) {
        IngressPolicy policy = IngressPolicy.decide(environment);
        log.info(policy.describe());
        policy.warnings().forEach(log::warn);
        return policy;
    }

    /**
     * The routes for people and their tools: call control, metrics and the admin API. Another family is
     * one more {@link TokenRoute} here, its variable one more production signal in {@link IngressPolicy}.
     */
    @Bean
    AccessPolicy accessPolicy(IngressPolicy ingressPolicy, OperatorProperties operator, SecurityProperties security,
                              AdminProperties admin) {
        TokenRoute.BearerToken operatorToken = new TokenRoute.BearerToken(IngressPolicy.OPERATOR_TOKEN.variable(),
                Credential.OPERATOR, operator.tokenConfigured() ? operator.token() : "");
        TokenRoute.BearerToken metricsToken = new TokenRoute.BearerToken(IngressPolicy.METRICS_TOKEN.variable(),
                Credential.METRICS, security.metricsToken());
        TokenRoute.BearerToken adminToken = new TokenRoute.BearerToken(IngressPolicy.ADMIN_TOKEN.variable(),
                Credential.ADMIN, admin.tokenOrEmpty());
        return new AccessPolicy(ingressPolicy, List.of(
                new TokenRoute("call control", List.of("/calls/**"), List.of(operatorToken)),
                new TokenRoute("the operator console", List.of("/console"), List.of(operatorToken), "/console/login"),
                new TokenRoute("the operator console", List.of("/console/**"), List.of(operatorToken)),
                new TokenRoute("the admin API", List.of("/admin/**"), List.of(adminToken)),
                new TokenRoute("metrics", List.of("/actuator/**"), List.of(metricsToken, operatorToken))));
    }

    /** The operator console's browser sign-in with the operator token (none without one). */
    @Bean
    ConsoleSession consoleSession(OperatorProperties operator,
                                  // how long a console sign-in lasts in the browser before asking for the token again
                                  @Value("${firstbyte.operator.console-session:12h}") Duration lifetime) {
        return new ConsoleSession(operator.tokenConfigured() ? operator.token() : "", lifetime, Clock.systemUTC());
    }

    @Bean
    CredentialAuthentication credentialAuthentication(AccessPolicy accessPolicy, TelephonyProperties telephony,
                                                      ConsoleSession consoleSession) {
        List<Credential> credentials = new ArrayList<>(accessPolicy.tokenCredentials());
        if (consoleSession.enabled()) {
            credentials.add(consoleSession.credential());
        }
        credentials.addAll(GatewayCredentials.of(telephony));
        return new CredentialAuthentication(credentials);
    }

    /** Also the firewall's handler of the requests it refuses (picked up by Spring Security as the only one). */
    @Bean
    RefusalHandlers refusalHandlers() {
        return new RefusalHandlers();
    }

    @Bean
    SecurityWebFilterChain firstbyteSecurityChain(ServerHttpSecurity http, AccessPolicy accessPolicy,
                                                  CredentialAuthentication credentials, RefusalHandlers refusals) {
        AuthenticationWebFilter authentication = new AuthenticationWebFilter(credentials);
        authentication.setServerAuthenticationConverter(credentials);
        authentication.setRequiresAuthenticationMatcher(accessPolicy.credentialRoutes());
        // Credentials that match nothing are as good as none: the route's rule answers (401 or the handler's own check).
        authentication.setAuthenticationFailureHandler((filterExchange, failure) ->
                filterExchange.getChain().filter(filterExchange.getExchange()));
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(accessPolicy::authorize)
                .build();
    }
}
