/** Meters from call traces and dropped input. */
@NullMarked
package io.firstbyte.app.observability;

import org.jspecify.annotations.NullMarked;
