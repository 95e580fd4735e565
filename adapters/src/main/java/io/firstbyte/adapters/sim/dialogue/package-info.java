/** The simulated model's booking dialogue: parsing what the caller said, tracking it, composing the reply. */
@NullMarked
package io.firstbyte.adapters.sim.dialogue;

import org.jspecify.annotations.NullMarked;
