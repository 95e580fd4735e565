package io.firstbyte.pipeline.event;

/** Events a transport codec decodes from the caller's side of the connection. */
public sealed interface InboundEvent extends CallEvent
        permits CallStarted, AudioIn, Dtmf, MarkPlayed, HangUp {
}
