/**
 * Handing a caller over to a person: the agent's {@code transfer_call} tool (a person's number set, the
 * business open, a line that can pass calls on), the transfer recorded for whichever instance Twilio
 * asks after the stream, and the end of the call that carries the number to the transport.
 */
@NullMarked
package io.firstbyte.app.handover;

import org.jspecify.annotations.NullMarked;
