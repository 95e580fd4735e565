/** Tests of provider guards and failover. */
@NullMarked
package io.firstbyte.adapters.guard;

import org.jspecify.annotations.NullMarked;
