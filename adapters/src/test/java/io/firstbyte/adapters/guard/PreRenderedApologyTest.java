package io.firstbyte.adapters.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Pcm16;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class PreRenderedApologyTest {

    @Test
    void renderingCollectsEveryByteTheProviderSpokeForTheSentence() {
        TestVoice voice = TestVoice.speaking(Duration.ZERO, Schedulers.parallel());

        StepVerifier.create(PreRenderedApology.render(voice, "Sorry.", Duration.ofSeconds(20)))
                .assertNext(apology -> {
                    assertThat(apology.mulaw()).hasSize(2);
                    assertThat(apology.description()).isEqualTo("spoken: Sorry.");
                })
                .expectComplete().verify(Duration.ofSeconds(20));
        assertThat(voice.spoken).containsExactly("Sorry.");
        assertThat(voice.disposed).hasValue(1);
    }

    @Test
    void aProviderThatCannotAnswerGivesNoApologySoTheCallerCanFallBack() {
        StepVerifier.create(PreRenderedApology.render(TestVoice.silent(), "Sorry.", Duration.ofMillis(50)))
                .expectError(java.util.concurrent.TimeoutException.class)
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void theInformationTonesAreAudibleMulawFollowedBySilence() {
        byte[] tones = PreRenderedApology.informationTones().mulaw();

        assertThat(AudioFormat.MULAW_8K.millisOf(tones.length)).isEqualTo(274 + 274 + 380 + 500);
        short[] first = G711.decodeMulaw(Arrays.copyOfRange(tones, 800, 1600));
        short[] tail = G711.decodeMulaw(Arrays.copyOfRange(tones, tones.length - 800, tones.length));
        assertThat(Pcm16.levelDbfs(first)).isGreaterThan(-20);
        assertThat(Pcm16.levelDbfs(tail)).isLessThan(-60);
    }
}
