package io.firstbyte.adapters.telephony.asterisk;

import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asterisk format names as audio formats: {@code ulaw}, {@code alaw}, {@code slin} and {@code slin<kHz>}. */
final class ChannelFormat {

    private static final Pattern SLIN = Pattern.compile("slin(\\d{0,3})");

    private ChannelFormat() {
    }

    /** Empty for codecs that are not G.711 or signed linear (opus, g722, …). */
    static Optional<AudioFormat> of(String name) {
        String format = name.strip().toLowerCase(Locale.ROOT);
        switch (format) {
            case "ulaw" -> {
                return Optional.of(AudioFormat.MULAW_8K);
            }
            case "alaw" -> {
                return Optional.of(AudioFormat.ALAW_8K);
            }
            default -> {
                Matcher slin = SLIN.matcher(format);
                if (!slin.matches()) {
                    return Optional.empty();
                }
                int kiloHertz = slin.group(1).isEmpty() ? 8 : Integer.parseInt(slin.group(1));
                // slin44 is 44.1 kHz; its ratio to 8 kHz is beyond the resampler anyway.
                int rate = kiloHertz == 44 ? 44100 : kiloHertz * 1000;
                return rate > 0 ? Optional.of(new AudioFormat(AudioEncoding.PCM16LE, rate)) : Optional.empty();
            }
        }
    }
}
