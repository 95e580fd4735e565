package io.firstbyte.adapters.http;

/** Keeps secrets out of logs and {@code toString()}. */
public final class Secrets {

    private Secrets() {
    }

    /** A stand-in for a secret that only says whether one is set. */
    public static String mask(String secret) {
        return secret.isEmpty() ? "<none>" : "****";
    }
}
