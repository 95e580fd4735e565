package io.firstbyte.app.audiosocket;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A caller that connects as Asterisk's {@code AudioSocket(<uuid>,host:port)} does, over a real TCP
 * socket: the UUID frame first, then a 320-byte slin 8 kHz frame every 20 ms (speech or silence),
 * a hang-up frame at the end; it reads the server's frames exactly (3-byte header, then the payload).
 */
public final class AudioSocketTestCaller implements AutoCloseable {

    static final int KIND_HANGUP = 0x00;
    static final int KIND_UUID = 0x01;
    static final int KIND_SLIN = 0x10;

    public final UUID uuid;
    public final AtomicInteger audioFrames = new AtomicInteger();
    final AtomicInteger loudestSample = new AtomicInteger();
    public volatile boolean hangUpReceived;
    volatile boolean closedByServer;
    /** Why the reader stopped, when it was not the server closing the connection (for failure messages). */
    volatile String readerStopped = "still reading";
    private final Socket socket;
    private final OutputStream out;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final Thread reader;
    private volatile boolean speaking;
    private volatile long lastAudioAt;
    /** Set before this side closes the socket: try-with-resources closes the socket before a catch runs, so isClosed() cannot tell. */
    private volatile boolean closedLocally;

    public AudioSocketTestCaller(int port, UUID uuid) throws IOException {
        this.uuid = uuid;
        this.socket = new Socket("localhost", port);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        ByteBuffer id = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        send(KIND_UUID, id.array());
        this.reader = Thread.ofPlatform().daemon().start(this::read);
    }

    /** Starts sending audio, one frame every 20 ms, as Asterisk does once the call is bridged. */
    public AudioSocketTestCaller streaming() {
        clock.scheduleAtFixedRate(() -> {
            try {
                send(KIND_SLIN, speaking ? SPEECH : SILENCE);
            } catch (IOException closed) {
                clock.shutdown();
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        return this;
    }

    public void say(Duration duration) throws InterruptedException {
        speaking = true;
        Thread.sleep(duration.toMillis());
        speaking = false;
    }

    public boolean awaitAnswer(int before, Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (audioFrames.get() <= before) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() - lastAudioAt > quiet.toNanos()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    public boolean awaitClosedByServer(Duration timeout) throws InterruptedException {
        reader.join(timeout);
        return closedByServer;
    }

    public String readerState() {
        return "reader " + (reader.isAlive() ? "alive" : "ended") + ": " + readerStopped;
    }

    synchronized void send(int kind, byte[] payload) throws IOException {
        byte[] frame = new byte[3 + payload.length];
        frame[0] = (byte) kind;
        frame[1] = (byte) (payload.length >> 8);
        frame[2] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 3, payload.length);
        sendRaw(frame);
    }

    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void hangUp() throws IOException {
        clock.shutdownNow();
        send(KIND_HANGUP, new byte[0]);
    }

    private void read() {
        try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
            while (true) {
                int kind = in.readUnsignedByte();
                byte[] payload = new byte[in.readUnsignedShort()];
                in.readFully(payload);
                if (kind == KIND_SLIN) {
                    audioFrames.incrementAndGet();
                    loudestSample.accumulateAndGet(peak(payload), Math::max);
                    lastAudioAt = System.nanoTime();
                } else if (kind == KIND_HANGUP) {
                    hangUpReceived = true;
                }
            }
        } catch (EOFException end) {
            closedByServer = true;
            readerStopped = "end of stream";
        } catch (IOException reset) {
            // A reset (the server closed with our audio still unread) is the server disconnecting too.
            closedByServer = !closedLocally;
            readerStopped = reset.toString();
        } catch (RuntimeException | Error unexpected) {
            readerStopped = unexpected.toString();
            throw unexpected;
        }
    }

    private static int peak(byte[] slin) {
        ByteBuffer samples = ByteBuffer.wrap(slin).order(ByteOrder.LITTLE_ENDIAN);
        int peak = 0;
        while (samples.remaining() >= 2) {
            peak = Math.max(peak, Math.abs(samples.getShort()));
        }
        return peak;
    }

    @Override
    public void close() throws IOException {
        closedLocally = true;
        clock.shutdownNow();
        socket.close();
    }

    private static final byte[] SILENCE = new byte[320];
    private static final byte[] SPEECH = speech();

    private static byte[] speech() {
        ByteBuffer frame = ByteBuffer.allocate(320).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 160; i++) {
            double t = i / 8000.0;
            double voice = Math.sin(2 * Math.PI * 150 * t) + 0.5 * Math.sin(2 * Math.PI * 300 * t) + 0.3 * Math.sin(2 * Math.PI * 450 * t);
            frame.putShort((short) (6000 * voice));
        }
        return frame.array();
    }
}
