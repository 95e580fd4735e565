package io.firstbyte.app.cluster;

import java.security.SecureRandom;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * This server among the instances sharing Redis: an id unique among them (the host name, which is
 * the pod name on Kubernetes, and a random suffix, so that two instances on one host differ) and
 * the address the others forward requests to, known once the web server listens.
 */
public final class ThisInstance {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private volatile @Nullable String url;

    public ThisInstance(String id) {
        this.id = id;
    }

    /** A new id for this process: {@code <host>-<6 random characters>}. */
    public static ThisInstance named(String host) {
        String safeHost = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        String suffix = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        return new ThisInstance((safeHost.isEmpty() ? "firstbyte" : safeHost) + "-" + suffix.substring(0, Math.min(6, suffix.length())));
    }

    public String id() {
        return id;
    }

    /** Where the other instances reach this one; {@code null} until the web server listens. */
    public @Nullable String url() {
        return url;
    }

    public void listeningAt(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
