/** The voice pipeline as a library: pure Reactor, no Spring, no I/O of its own. */
@NullMarked
package io.firstbyte.pipeline;

import org.jspecify.annotations.NullMarked;
