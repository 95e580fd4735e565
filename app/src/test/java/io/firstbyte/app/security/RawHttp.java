package io.firstbyte.app.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request written byte for byte over a socket to this machine's server, so the
 * request target reaches the server exactly as written ({@code //calls}, {@code /calls;x=1},
 * {@code /%63alls}): HTTP client libraries normalise or re-encode such paths before sending.
 * A WebSocket upgrade's answer is read up to its headers (101 means the upgrade was accepted).
 */
final class RawHttp {

    /** Sets the client address the server sees (see {@link ClientAddressFromHeader}). */
    static final String CLIENT = ClientAddressFromHeader.HEADER;
    static final String REMOTE_CLIENT = "203.0.113.7";

    record Response(int status, String headers, String body) {
        boolean isOneLineJson() {
            String trimmed = body.strip();
            return trimmed.startsWith("{") && trimmed.endsWith("}") && !trimmed.contains("\n");
        }

        @Override
        public String toString() {
            return status + " " + body.strip();
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    Response get(String target, Map<String, String> headers) {
        return send("GET", target, headers, "");
    }

    Response post(String target, Map<String, String> headers, String contentType, String body) {
        return send("POST", target, withEntry(withEntry(headers, "Content-Type", contentType),
                "Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length)), body);
    }

    /** A WebSocket upgrade request to {@code target}; only the status and headers are read. */
    Response upgrade(String target, Map<String, String> headers) {
        Map<String, String> upgrade = withEntry(withEntry(withEntry(withEntry(headers,
                "Upgrade", "websocket"), "Connection", "Upgrade"), "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                "Sec-WebSocket-Version", "13");
        return send("GET", target, upgrade, "");
    }

    private Response send(String method, String target, Map<String, String> headers, String body) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n");
        boolean upgrade = headers.containsKey("Upgrade");
        if (!upgrade) {
            request.append("Connection: close\r\n");
        }
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n").append(body);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            String rest = status == 101 ? "" : readBody(in, head);
            return new Response(status, head, rest);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + target + " failed: " + e, e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readBody(InputStream in, String head) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        int length = lower.indexOf("\ncontent-length:");
        if (length >= 0) {
            int end = lower.indexOf('\r', length);
            int size = Integer.parseInt(lower.substring(length + 16, end).strip());
            return new String(in.readNBytes(size), StandardCharsets.UTF_8);
        }
        if (lower.contains("\ntransfer-encoding: chunked")) {
            return chunked(in);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int size = Integer.parseInt(sizeLine.strip().split(";")[0], 16);
            if (size == 0) {
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }

    static Map<String, String> withEntry(Map<String, String> headers, String name, String value) {
        java.util.LinkedHashMap<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    static Map<String, String> remote() {
        return Map.of(CLIENT, REMOTE_CLIENT);
    }

    static Map<String, String> remote(String header, String value) {
        return Map.of(CLIENT, REMOTE_CLIENT, header, value);
    }
}
