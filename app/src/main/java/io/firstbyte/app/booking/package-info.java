/** The booking engine: availability, bookings, the tools the agent calls, and the warm-up at call start. */
@NullMarked
package io.firstbyte.app.booking;

import org.jspecify.annotations.NullMarked;
