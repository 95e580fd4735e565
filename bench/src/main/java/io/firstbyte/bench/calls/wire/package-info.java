/** Each gateway's side of a media connection: what a caller sends and the server messages it understands. */
@NullMarked
package io.firstbyte.bench.calls.wire;

import org.jspecify.annotations.NullMarked;
