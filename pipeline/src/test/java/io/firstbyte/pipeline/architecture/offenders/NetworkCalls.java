package io.firstbyte.pipeline.architecture.offenders;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.channels.SocketChannel;

/** Opens its own connections, which the pipeline must never do. */
final class NetworkCalls {

    private NetworkCalls() {
    }

    static Object[] connect() throws IOException {
        return new Object[] {new Socket(), HttpClient.newHttpClient(), SocketChannel.open()};
    }
}
