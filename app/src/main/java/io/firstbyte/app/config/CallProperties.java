package io.firstbyte.app.config;

import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.call.TurnSettings;
import io.firstbyte.pipeline.control.CallControls;
import io.firstbyte.pipeline.control.CallLimits;
import io.firstbyte.pipeline.control.KeypadPolicy;
import io.firstbyte.pipeline.control.SilencePolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How every call behaves: prompt, greeting, history, pacing, voice activity, turn taking, and how
 * long it may run ({@code inboundSilenceTimeout} without any inbound frame, {@code maxDuration} in
 * all; zero switches either off), what a silent caller is told ({@code silence}) and how keys typed on
 * the keypad reach the agent ({@code keypad}).
 */
@Validated
@ConfigurationProperties("firstbyte.call")
public record CallProperties(
        @NotNull String systemPrompt,
        @NotNull String greeting,
        @Min(1) int historyMessages,
        @Min(1) int maxToolRounds,
        @NotNull Duration pacerLead,
        @NotNull Duration fillerAfter,
        @NotNull Duration toolTimeout,
        double vadThresholdDbfs,
        @NotNull Duration vadMinSpeech,
        @NotNull Duration vadHangover,
        @NotNull Duration turnSilence,
        boolean bargeIn,
        boolean warmUpAvailability,
        @NotNull Duration inboundSilenceTimeout,
        @NotNull Duration maxDuration,
        @NotNull @Valid Silence silence,
        @NotNull @Valid Keypad keypad,
        @NotNull @Valid Vad vad) {

    /**
     * After {@code promptAfter} without caller speech while the agent is silent, the agent says
     * {@code prompt}; after {@code prompts} unanswered prompts, {@code goodbye}, and the call ends.
     * A zero {@code promptAfter} switches it off.
     */
    public record Silence(@NotNull Duration promptAfter, @Min(0) int prompts, @NotNull String prompt,
                          @NotNull String goodbye) {
    }

    /** Keys typed within {@code interDigitTimeout} of each other (or up to {@code #}) are one entry; {@code humanKey} alone asks for a person. */
    public record Keypad(@NotNull Duration interDigitTimeout, @NotNull String humanKey) {
    }

    /**
     * Which voice activity detector listens: {@code adaptive} (frames must stand {@code marginDb} above
     * the background noise it learns within {@code noiseWindow}; {@code vadThresholdDbfs} is then the
     * absolute floor) or {@code energy} (the fixed threshold alone, kept for comparison).
     */
    public record Vad(@NotNull VadSettings.Mode mode, @DecimalMin("0") double marginDb, @NotNull Duration noiseWindow) {
    }

    public VadSettings vadSettings() {
        return new VadSettings(vadThresholdDbfs, vadMinSpeech, vadHangover, vad.mode(), vad.marginDb(), vad.noiseWindow());
    }

    public CallSettings toSettings() {
        return new CallSettings(systemPrompt, greeting, historyMessages, maxToolRounds, pacerLead, fillerAfter,
                vadSettings(), new TurnSettings(turnSilence, bargeIn));
    }

    public CallLimits limits() {
        return new CallLimits(inboundSilenceTimeout, maxDuration);
    }

    public CallControls controls() {
        return new CallControls(
                new SilencePolicy(silence.promptAfter(), silence.prompts(), silence.prompt(), silence.goodbye()),
                new KeypadPolicy(keypad.interDigitTimeout(), keypad.humanKey().strip()));
    }
}
