package io.firstbyte.app.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a tar stream entry by entry: ustar headers, PAX extended headers (long paths, as Jib writes
 * them) and GNU long names. Just enough to look inside a container image without a tar library.
 */
final class TarReader {

    /** One file, directory or link; {@code mode} is the permission bits. */
    record Entry(String name, int mode, long size, char type) {
        boolean isFile() {
            return type == '0' || type == '\0';
        }
    }

    interface Visitor {
        /** {@code content} holds the entry's bytes and may be read (or not) before returning. */
        void visit(Entry entry, InputStream content) throws IOException;
    }

    private static final int BLOCK = 512;

    private TarReader() {
    }

    static void read(InputStream tar, Visitor visitor) throws IOException {
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (readBlock(tar, header)) {
            if (isZero(header)) {
                return;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 5))) {
                name = prefix + "/" + name;
            }
            int mode = (int) octal(header, 100, 8);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            switch (type) {
                case 'x' -> {
                    pax.putAll(paxRecords(readAll(tar, size)));
                    continue;
                }
                case 'g' -> {
                    readAll(tar, size);
                    continue;
                }
                case 'L' -> {
                    longName = new String(readAll(tar, size), StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                default -> {
                }
            }
            if (pax.containsKey("path")) {
                name = pax.get("path");
            } else if (longName != null) {
                name = longName;
            }
            if (pax.containsKey("size")) {
                size = Long.parseLong(pax.get("size"));
            }
            pax.clear();
            longName = null;
            BoundedStream content = new BoundedStream(tar, size);
            visitor.visit(new Entry(name.startsWith("./") ? name.substring(2) : name, mode & 07777, size, type), content);
            content.skipRest();
            skipFully(tar, (BLOCK - size % BLOCK) % BLOCK);
        }
    }

    /** PAX records: "<length> <key>=<value>\n", the length in bytes and counting the whole record. */
    private static Map<String, String> paxRecords(byte[] records) {
        Map<String, String> values = new HashMap<>();
        int at = 0;
        while (at < records.length) {
            int space = at;
            while (space < records.length && records[space] != ' ') {
                space++;
            }
            if (space == records.length) {
                break;
            }
            int length = Integer.parseInt(new String(records, at, space - at, StandardCharsets.US_ASCII));
            String keyValue = new String(records, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
            int equals = keyValue.indexOf('=');
            values.put(keyValue.substring(0, equals), keyValue.substring(equals + 1));
            at += length;
        }
        return values;
    }

    private static byte[] readAll(InputStream in, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        BoundedStream bounded = new BoundedStream(in, size);
        bounded.transferTo(out);
        skipFully(in, (BLOCK - size % BLOCK) % BLOCK);
        return out.toByteArray();
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            throw new IOException("truncated tar header");
        }
        return true;
    }

    private static void skipFully(InputStream in, long bytes) throws IOException {
        in.skipNBytes(bytes);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String digits = text(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    /** The entry's bytes, and no more, of the tar stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }

        void skipRest() throws IOException {
            in.skipNBytes(remaining);
            remaining = 0;
        }
    }
}
