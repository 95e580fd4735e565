/** A local Deepgram live-listen server that speaks the documented protocol, for tests. */
@NullMarked
package io.firstbyte.adapters.stt.deepgram.fake;

import org.jspecify.annotations.NullMarked;
