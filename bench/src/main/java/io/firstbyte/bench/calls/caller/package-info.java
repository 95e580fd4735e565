/** One simulated caller: its script and voice, its playback buffer, and the timing of its turns. */
@NullMarked
package io.firstbyte.bench.calls.caller;

import org.jspecify.annotations.NullMarked;
