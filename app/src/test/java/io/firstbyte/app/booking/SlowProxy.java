package io.firstbyte.app.booking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * A loopback TCP proxy that holds every chunk the server sends back for {@code delay} before passing
 * it on, so each request/response round trip through it takes at least that long (a busy Redis).
 */
final class SlowProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private volatile Duration delay;

    SlowProxy(int targetPort, Duration delay) {
        this.targetPort = targetPort;
        this.delay = delay;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("slow-proxy-accept").start(this::accept);
    }

    /** From now on, holds what the server sends for {@code delay}. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Thread.ofPlatform().daemon().start(() -> pump(client, server, false));
                Thread.ofPlatform().daemon().start(() -> pump(server, client, true));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean delayed) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (delayed) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // either side closed: the other pump ends on its own
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
