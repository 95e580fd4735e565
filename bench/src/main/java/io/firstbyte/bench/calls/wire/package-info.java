/** The Twilio Media Streams messages a caller sends and the server messages it understands. */
@NullMarked
package io.firstbyte.bench.calls.wire;

import org.jspecify.annotations.NullMarked;
