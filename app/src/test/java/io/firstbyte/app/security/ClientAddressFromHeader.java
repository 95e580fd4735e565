package io.firstbyte.app.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Test only: the request's client address becomes the one in {@value #HEADER}, before any other
 * filter (the security chain included) sees the request. Rules that depend on the client being
 * on this machine must be tried from another address, but a test may send traffic to loopback
 * only; this plays the part of a client at, say, 203.0.113.7 (TEST-NET-3) while the bytes still
 * travel over 127.0.0.1. The header is a literal IP address, so nothing is resolved.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ClientAddressFromHeader {

    public static final String HEADER = "X-Test-Remote-Address";

    @Bean
    WebFilter clientAddressFromTestHeader() {
        return new Filter();
    }

    private static final class Filter implements WebFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            String address = exchange.getRequest().getHeaders().getFirst(HEADER);
            if (address == null) {
                return chain.filter(exchange);
            }
            InetSocketAddress remote;
            try {
                remote = new InetSocketAddress(InetAddress.getByName(address), 40000);
            } catch (UnknownHostException notALiteral) {
                return Mono.error(new IllegalArgumentException(HEADER + " must be an IP address", notALiteral));
            }
            return chain.filter(exchange.mutate().request(request -> request.remoteAddress(remote)).build());
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
