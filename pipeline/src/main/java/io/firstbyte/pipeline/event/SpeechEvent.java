package io.firstbyte.pipeline.event;

/** What the listening side of the pipeline concludes: voice activity, transcripts, turn ends. */
public sealed interface SpeechEvent extends CallEvent
        permits SpeechStarted, SpeechStopped, TranscriptInterim, TranscriptFinal, EndOfSpeech, TurnEnded {
}
