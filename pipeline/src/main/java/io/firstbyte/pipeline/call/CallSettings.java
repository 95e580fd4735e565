package io.firstbyte.pipeline.call;

import io.firstbyte.pipeline.audio.VadSettings;
import java.time.Duration;

/**
 * One call's tunables, resolved once at call start.
 *
 * @param systemPrompt      the agent's instructions; a call may carry its own ({@link CallPrompt})
 * @param greeting          what the agent says when the call connects (empty: say nothing); a call
 *                          may carry its own ({@link CallPrompt})
 * @param historyMessages   how many recent messages (besides the system prompt) the model sees
 * @param maxToolRounds     model → tools → model rounds allowed in one turn
 * @param pacerLead         how far ahead of real time outbound audio may run; a transport may ask
 *                          for its own per call ({@link #PACER_LEAD_ATTRIBUTE})
 * @param fillerAfter       say a short filler line when a tool runs longer than this (zero: never)
 * @param firstWords        an answer's first words go to speech synthesis once this many exist (or its
 *                          first clause is complete, whichever comes first); 0 waits for the clause
 */
public record CallSettings(String systemPrompt, String greeting, int historyMessages, int maxToolRounds,
                           Duration pacerLead, Duration fillerAfter, VadSettings vad, TurnSettings turn,
                           int firstWords) {

    /**
     * A call attribute ({@link Duration}) replacing {@code pacerLead} for that call: a gateway that
     * cannot drop audio it was sent (AudioSocket) plays the whole lead after a barge-in, so its
     * transport may ask for less.
     */
    public static final String PACER_LEAD_ATTRIBUTE = "firstbyte.pacerLead";

    public static final CallSettings DEFAULTS = new CallSettings(
            "You are a friendly receptionist who books appointments over the phone. Keep answers short.",
            "Hello, thanks for calling. How can I help you today?",
            15, 4, Duration.ofMillis(120), Duration.ofMillis(700), VadSettings.DEFAULTS, TurnSettings.DEFAULTS);

    /** About four words: a short spoken phrase, a few tokens after the model's first. */
    public static final int DEFAULT_FIRST_WORDS = 4;

    /** Settings whose answers send their first {@value #DEFAULT_FIRST_WORDS} words to speech early. */
    public CallSettings(String systemPrompt, String greeting, int historyMessages, int maxToolRounds,
                        Duration pacerLead, Duration fillerAfter, VadSettings vad, TurnSettings turn) {
        this(systemPrompt, greeting, historyMessages, maxToolRounds, pacerLead, fillerAfter, vad, turn,
                DEFAULT_FIRST_WORDS);
    }

    public CallSettings {
        if (firstWords < 0) {
            throw new IllegalArgumentException("firstWords must not be negative");
        }
        if (historyMessages < 1) {
            throw new IllegalArgumentException("historyMessages must be at least 1");
        }
        if (maxToolRounds < 1) {
            throw new IllegalArgumentException("maxToolRounds must be at least 1");
        }
    }

    /** The lead for this call: its transport's, if it asked for one, else {@code pacerLead}. */
    public Duration pacerLeadFor(CallContext context) {
        Duration lead = context.attribute(PACER_LEAD_ATTRIBUTE, Duration.class);
        return lead == null ? pacerLead : lead;
    }

    /** These settings with the call's own prompt and greeting ({@link CallPrompt#ATTRIBUTE}), when it has them. */
    public CallSettings forCall(CallContext context) {
        CallPrompt prompt = context.attribute(CallPrompt.ATTRIBUTE, CallPrompt.class);
        return prompt == null ? this : new CallSettings(prompt.systemPrompt(), prompt.greeting(), historyMessages,
                maxToolRounds, pacerLead, fillerAfter, vad, turn, firstWords);
    }

    public CallSettings withGreeting(String greeting) {
        return new CallSettings(systemPrompt, greeting, historyMessages, maxToolRounds, pacerLead, fillerAfter, vad, turn,
                firstWords);
    }

    /** These settings with {@code turn} taking turns. */
    public CallSettings withTurn(TurnSettings turn) {
        return new CallSettings(systemPrompt, greeting, historyMessages, maxToolRounds, pacerLead, fillerAfter, vad, turn,
                firstWords);
    }

    /** These settings sending an answer's first {@code firstWords} words to speech early (0: its first clause). */
    public CallSettings withFirstWords(int firstWords) {
        return new CallSettings(systemPrompt, greeting, historyMessages, maxToolRounds, pacerLead, fillerAfter, vad, turn,
                firstWords);
    }
}
