package io.firstbyte.adapters.telephony.common;

/**
 * Makes a peer-chosen string safe for a drop detail: short, and without control characters, so a
 * hostile peer can neither bloat nor forge a log line.
 */
public final class Abbreviate {

    private static final int MAX = 32;

    private Abbreviate() {
    }

    public static String of(String text) {
        String head = text.length() <= MAX ? text : text.substring(0, MAX) + "…";
        return '"' + head.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
