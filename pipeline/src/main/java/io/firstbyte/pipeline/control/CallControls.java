package io.firstbyte.pipeline.control;

/**
 * How a call treats a silent caller and the keypad. {@link #OFF} (no silence prompts) is what a
 * pipeline built without them gets; {@link #DEFAULTS} is what a phone line wants.
 */
public record CallControls(SilencePolicy silence, KeypadPolicy keypad) {

    public static final CallControls DEFAULTS = new CallControls(SilencePolicy.DEFAULTS, KeypadPolicy.DEFAULTS);
    public static final CallControls OFF = new CallControls(SilencePolicy.OFF, KeypadPolicy.DEFAULTS);
}
