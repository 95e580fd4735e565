/** Call control: decisions to end a call that come from the call's own state rather than from a turn. */
@NullMarked
package io.firstbyte.pipeline.control;

import org.jspecify.annotations.NullMarked;
