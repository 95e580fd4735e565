/** Transport codecs: wire messages to events and back, with malformed-input accounting. */
@NullMarked
package io.firstbyte.pipeline.transport;

import org.jspecify.annotations.NullMarked;
