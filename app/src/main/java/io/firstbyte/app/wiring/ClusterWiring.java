package io.firstbyte.app.wiring;

import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.capacity.CallAdmission;
import io.firstbyte.app.cluster.ClusterCalls;
import io.firstbyte.app.cluster.ClusterHeartbeat;
import io.firstbyte.app.cluster.OwnerForward;
import io.firstbyte.app.cluster.ThisInstance;
import io.firstbyte.app.config.InstanceProperties;
import io.firstbyte.app.config.OperatorProperties;
import io.firstbyte.app.config.StoreProperties;
import io.firstbyte.app.security.IngressPolicy;
import io.firstbyte.app.security.ServingMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.core.scheduler.Schedulers;

/**
 * Calls across instances: this instance's identity, the live-call registry in the shared Redis and
 * its heartbeat, and the forward of call-control requests to the instance that holds the call.
 * Forwarding goes straight to the owner's address (not through Redis pub/sub) so that the owner's
 * own answer, 204, 404 or a trace, comes back as it is, under the same authorization as any operator.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InstanceProperties.class)
public class ClusterWiring {

    /** The registry forgets an instance after this many beats without one. */
    static final int BEATS_TO_EXPIRY = 3;

    @Bean
    ThisInstance thisInstance() {
        String host = System.getenv("HOSTNAME");
        return ThisInstance.named(host == null || host.isBlank() ? localHostName() : host);
    }

    @Bean
    ClusterCalls clusterCalls(RedisConnector bookingRedis, StoreProperties store, ThisInstance thisInstance, InstanceProperties instance) {
        return new ClusterCalls(bookingRedis, store.redis().keyPrefix(), thisInstance,
                instance.heartbeat().multipliedBy(BEATS_TO_EXPIRY), Clock.systemUTC());
    }

    @Bean
    OwnerForward ownerForward(ThisInstance thisInstance, OperatorProperties operator) {
        return new OwnerForward(thisInstance, operator.tokenConfigured() ? operator.token() : "");
    }

    @Bean
    ClusterHeartbeat clusterHeartbeat(ClusterCalls clusterCalls, LiveCalls liveCalls, CallAdmission callAdmission,
                                      ThisInstance thisInstance, InstanceProperties instance, IngressPolicy ingressPolicy,
                                      Environment environment) {
        return new ClusterHeartbeat(clusterCalls, liveCalls,
                () -> new ClusterCalls.InstanceState(liveCalls.count(), callAdmission.capacity(), callAdmission.draining()),
                thisInstance, () -> url(instance, ingressPolicy.mode(), environment), instance.heartbeat(), Schedulers.parallel());
    }

    /**
     * The configured address, else this host on the port the web server listens on: loopback in
     * development (where call control answers this machine only), the host's address in production.
     */
    private static String url(InstanceProperties instance, ServingMode mode, Environment environment) {
        if (!instance.url().isEmpty()) {
            return instance.url();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String host = mode == ServingMode.DEVELOPMENT ? "127.0.0.1" : localAddress();
        return "http://" + host + ":" + port;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "firstbyte";
        }
    }

    private static String localAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
