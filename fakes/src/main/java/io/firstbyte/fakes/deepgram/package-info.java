/** A local Deepgram live-listen server that speaks the documented protocol, for tests and benchmarks. */
@NullMarked
package io.firstbyte.fakes.deepgram;

import org.jspecify.annotations.NullMarked;
