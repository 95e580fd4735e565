package io.firstbyte.pipeline.event;

/** What the pipeline asks the transport to send to the caller. */
public sealed interface OutboundEvent extends CallEvent permits AudioOut, MarkSent, Interruption, EndCall {
}
