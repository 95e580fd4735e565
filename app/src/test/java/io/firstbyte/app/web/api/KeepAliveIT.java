package io.firstbyte.app.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.ItDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * HTTP/1.1 keep-alive clients (booking platforms, k6, the bench) send their next request the
 * moment the previous answer arrives, sometimes before the server has finished with it. Every such
 * request must be answered on the same connection: reactor-netty 1.3.7 could stop reading a
 * connection after a request queued that way, and the request waited until the client gave up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeepAliveIT {

    static final ItDatabase DATABASE = ItDatabase.create(Clock.systemUTC());
    static final LocalDate DAY = LocalDate.now(ZoneId.of("America/New_York")).plusDays(2)
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("firstbyte.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("firstbyte.redis.key-prefix", () -> "fbit" + ThreadLocalRandom.current().nextInt(1_000_000));
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @LocalServerPort
    int port;

    @Test
    void everyRequestQueuedBehindAnUnfinishedOneIsAnsweredOnTheSameConnection() throws IOException {
        String availability = request("/api/availability?service=Haircut&date=" + DAY);
        String health = request("/actuator/health");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // Long enough for a cold first query on a busy machine; a connection that stopped reading never answers.
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int batch = 0; batch < 200; batch++) {
                // Three requests in one write: the second and third arrive while the first is still being answered.
                out.write((availability + health + availability).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int answer = 0; answer < 3; answer++) {
                    assertThat(readStatus(in)).as("batch %d answer %d", batch, answer).isEqualTo(200);
                }
                // Then one on its own, which a connection that stopped reading would never answer.
                out.write(health.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readStatus(in)).as("batch %d lone request", batch).isEqualTo(200);
            }
        }
    }

    private String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAuthorization: Bearer demo-salon-key\r\nAccept: application/json\r\n\r\n";
    }

    /** Reads one response (headers and a Content-Length or chunked body) and returns its status. */
    private static int readStatus(InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long contentLength = 0;
        boolean chunked = false;
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(readLine(in).trim(), 16); size > 0; size = Long.parseLong(readLine(in).trim(), 16)) {
                in.readNBytes((int) size);
                readLine(in);
            }
            readLine(in);
        } else {
            in.readNBytes((int) contentLength);
        }
        return status;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
