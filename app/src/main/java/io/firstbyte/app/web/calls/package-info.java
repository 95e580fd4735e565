/** Operator endpoints for live calls and recent per-turn traces. */
@NullMarked
package io.firstbyte.app.web.calls;

import org.jspecify.annotations.NullMarked;
