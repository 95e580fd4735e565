package io.firstbyte.pipeline.tts;

import io.firstbyte.pipeline.call.CallContext;

/** Opens a text-to-speech session per call, at call start, so its connection is warm for the first answer. */
public interface TextToSpeech {

    TtsSession open(CallContext call);
}
