package io.firstbyte.pipeline.control;

import java.time.Duration;

/**
 * How keypad presses become input: digits typed with at most {@code interDigitTimeout} between
 * them (or up to a {@code #}) form one entry; an entry that is exactly {@code humanKey} asks for a
 * person (empty: no such key).
 */
public record KeypadPolicy(Duration interDigitTimeout, String humanKey) {

    public static final KeypadPolicy DEFAULTS = new KeypadPolicy(Duration.ofMillis(1500), "0");

    public KeypadPolicy {
        if (interDigitTimeout.isNegative() || interDigitTimeout.isZero()) {
            throw new IllegalArgumentException("the inter-digit timeout must be positive");
        }
        if (!humanKey.isEmpty() && !(humanKey.length() == 1 && Keypad.isKey(humanKey.charAt(0)) && humanKey.charAt(0) != '#')) {
            throw new IllegalArgumentException("the human key must be one of 0-9, * or A-D, or empty: " + humanKey);
        }
    }
}
