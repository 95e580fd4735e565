package io.firstbyte.pipeline.control;

/** One entry typed on the caller's keypad ({@link Keypad}), and how the model is told about it. */
public sealed interface KeypadEntry {

    /** The caller's input as the model reads it, in the caller's turn. */
    String forModel();

    /** Keys typed as data, for example a phone or booking number. */
    record Digits(String digits) implements KeypadEntry {
        @Override
        public String forModel() {
            return "The caller typed on the keypad: " + digits;
        }

        /** How many keys, never which: typed digits may be a phone number. */
        @Override
        public String toString() {
            return "Digits[" + digits.length() + " keys]";
        }
    }

    /**
     * The caller pressed the key that asks for a person: a call-control signal a hand-over can act
     * on, and the caller's request for the model.
     */
    record HumanRequested(String key) implements KeypadEntry {
        @Override
        public String forModel() {
            return "The caller pressed " + key + " to speak to a person.";
        }
    }
}
