package io.firstbyte.app.config;

import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.call.SpeculationSettings;
import io.firstbyte.pipeline.call.TurnSettings;
import io.firstbyte.pipeline.control.CallLimits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How every call behaves: prompt, greeting, history, pacing, voice activity, turn taking, and how
 * long it may run ({@code inboundSilenceTimeout} without any inbound frame, {@code maxDuration} in
 * all; zero switches either off). With {@code speculation} an answer starts when the caller pauses
 * for {@code speculationPause} with a transcript in hand, and is held until the turn is confirmed (at
 * most {@code speculationMaxPerTurn} started per turn); an answer's first {@code firstWords} words go to
 * the voice as soon as they exist (0: its first clause).
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
        boolean speculation,
        @NotNull Duration speculationPause,
        @Min(1) int speculationMaxPerTurn,
        @Min(0) int firstWords) {

    public CallSettings toSettings() {
        return new CallSettings(systemPrompt, greeting, historyMessages, maxToolRounds, pacerLead, fillerAfter,
                new VadSettings(vadThresholdDbfs, vadMinSpeech, vadHangover), new TurnSettings(turnSilence, bargeIn,
                        new SpeculationSettings(speculation, speculationPause, speculationMaxPerTurn)), firstWords);
    }

    public CallLimits limits() {
        return new CallLimits(inboundSilenceTimeout, maxDuration);
    }
}
