package io.firstbyte.app.config;

import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.call.CallSettings;
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
 * all; zero switches either off).
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
        @NotNull Duration maxDuration) {

    public CallSettings toSettings() {
        return new CallSettings(systemPrompt, greeting, historyMessages, maxToolRounds, pacerLead, fillerAfter,
                new VadSettings(vadThresholdDbfs, vadMinSpeech, vadHangover), new TurnSettings(turnSilence, bargeIn));
    }

    public CallLimits limits() {
        return new CallLimits(inboundSilenceTimeout, maxDuration);
    }
}
