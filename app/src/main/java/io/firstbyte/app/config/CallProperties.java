package io.firstbyte.app.config;

import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.call.TurnSettings;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How every call behaves: prompt, greeting, history, pacing, voice activity and turn taking. */
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
        boolean warmUpAvailability) {

    public CallSettings toSettings() {
        return new CallSettings(systemPrompt, greeting, historyMessages, maxToolRounds, pacerLead, fillerAfter,
                new VadSettings(vadThresholdDbfs, vadMinSpeech, vadHangover), new TurnSettings(turnSilence, bargeIn));
    }
}
