package io.firstbyte.app.config;

import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.call.BargeInSettings;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.call.EndOfTurnSettings;
import io.firstbyte.pipeline.call.SpeculationSettings;
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
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How every call behaves: prompt, greeting, history, pacing, voice activity, turn taking, and how
 * long it may run ({@code inboundSilenceTimeout} without any inbound frame, {@code maxDuration} in
 * all; zero switches either off), what a silent caller is told ({@code silence}) and how keys typed on
 * the keypad reach the agent ({@code keypad}), and which speech over the agent is only a backchannel
 * ({@code backchannel}). With {@code speculation} an answer starts when the caller
 * pauses for {@code speculationPause} with a transcript in hand (for {@code speculationPauseComplete} when
 * the transcript reads complete), and is held until the turn is confirmed
 * (at most {@code speculationMaxPerTurn} started per turn); an answer's first {@code firstWords} words go
 * to the voice as soon as they exist (0: its first clause).
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
        @NotNull @Valid Vad vad,
        @NotNull @Valid Backchannel backchannel,
        boolean speculation,
        @NotNull Duration speculationPause,
        @NotNull Duration speculationPauseComplete,
        @Min(1) int speculationMaxPerTurn,
        @Min(0) int firstWords,
        @NotNull @Valid EndOfTurn endOfTurn) {

    /**
     * With {@code adaptive}, a complete sentence or question ends the turn after {@code complete} of
     * silence, one without closing punctuation after {@code open}, one that trails off in a filler, a
     * conjunction or a word such as "the" or "is" only after {@code trailing} ({@link EndOfTurnSettings}).
     */
    public record EndOfTurn(boolean adaptive, @NotNull Duration complete, @NotNull Duration open,
                            @NotNull Duration trailing) {
    }

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

    /**
     * How caller speech over the agent is judged ({@link BargeInSettings}): the agent pauses at its onset;
     * speech that ends ({@code gap} of silence) within {@code maxSpeech} of its onset, with at most
     * {@code maxWords} words, all in {@code words}, is a backchannel and the answer resumes; anything else,
     * or a pause reaching {@code maxPause}, interrupts.
     */
    public record Backchannel(@NotNull Duration maxPause, @NotNull Duration maxSpeech, @NotNull Duration gap,
                              @Min(0) int maxWords, @NotNull List<String> words) {

        BargeInSettings toSettings() {
            return new BargeInSettings(maxPause, maxSpeech, gap, maxWords, words);
        }
    }

    public VadSettings vadSettings() {
        return new VadSettings(vadThresholdDbfs, vadMinSpeech, vadHangover, vad.mode(), vad.marginDb(), vad.noiseWindow());
    }

    public CallSettings toSettings() {
        return new CallSettings(systemPrompt, greeting, historyMessages, maxToolRounds, pacerLead, fillerAfter,
                vadSettings(), new TurnSettings(turnSilence, bargeIn, backchannel.toSettings(),
                        new SpeculationSettings(speculation, speculationPause, speculationPauseComplete,
                                speculationMaxPerTurn),
                        new EndOfTurnSettings(endOfTurn.adaptive(), endOfTurn.complete(), endOfTurn.open(),
                                endOfTurn.trailing())), firstWords);
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
