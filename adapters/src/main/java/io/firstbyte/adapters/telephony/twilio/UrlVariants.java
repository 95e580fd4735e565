package io.firstbyte.adapters.telephony.twilio;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The URL spellings Twilio's SDKs accept for one signed URL: as given, and with the scheme's
 * default port added when absent or removed when present. Other ports are left alone.
 */
final class UrlVariants {

    private static final Map<String, String> DEFAULT_PORTS = Map.of("https", "443", "wss", "443", "http", "80", "ws", "80");

    private UrlVariants() {
    }

    static List<String> of(String url) {
        int schemeEnd = url.indexOf("://");
        String defaultPort = schemeEnd < 0 ? null : DEFAULT_PORTS.get(url.substring(0, schemeEnd).toLowerCase(Locale.ROOT));
        if (defaultPort == null) {
            return List.of(url);
        }
        int hostStart = schemeEnd + 3;
        int authorityEnd = authorityEnd(url, hostStart);
        String authority = url.substring(hostStart, authorityEnd);
        String head = url.substring(0, hostStart);
        String tail = url.substring(authorityEnd);
        int colon = portColon(authority);
        if (colon < 0) {
            return List.of(url, head + authority + ":" + defaultPort + tail);
        }
        if (authority.substring(colon + 1).equals(defaultPort)) {
            return List.of(url, head + authority.substring(0, colon) + tail);
        }
        return List.of(url);
    }

    private static int authorityEnd(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return url.length();
    }

    /** The colon before the port, or -1; ignores colons in user info and in an IPv6 literal. */
    private static int portColon(String authority) {
        int hostStart = authority.lastIndexOf('@') + 1;
        int colon = authority.lastIndexOf(':');
        return colon >= hostStart && colon > authority.lastIndexOf(']') ? colon : -1;
    }
}
