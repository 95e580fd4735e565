package io.firstbyte.adapters.stt.deepgram;

import io.firstbyte.pipeline.event.AudioIn;

/** What the session sends to Deepgram: caller audio or a control message. */
sealed interface Outgoing {

    Control KEEP_ALIVE = new Control("{\"type\":\"KeepAlive\"}");
    Control FINALIZE = new Control("{\"type\":\"Finalize\"}");
    Control CLOSE_STREAM = new Control("{\"type\":\"CloseStream\"}");

    record Audio(AudioIn frame) implements Outgoing {
    }

    record Control(String json) implements Outgoing {
    }
}
