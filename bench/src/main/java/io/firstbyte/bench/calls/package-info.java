/** The call simulator: many concurrent callers speaking Twilio Media Streams to a running server, and its command line. */
@NullMarked
package io.firstbyte.bench.calls;

import org.jspecify.annotations.NullMarked;
