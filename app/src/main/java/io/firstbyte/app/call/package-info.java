/** Live calls: the registry of calls in progress and the recent per-turn traces. */
@NullMarked
package io.firstbyte.app.call;

import org.jspecify.annotations.NullMarked;
