/** Checks on the adapters module's own bytecode: no Spring, no blocking, no package cycles. */
@NullMarked
package io.firstbyte.adapters.architecture;

import org.jspecify.annotations.NullMarked;
