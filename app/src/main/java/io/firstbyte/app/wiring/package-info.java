/** Spring configuration, one class per capability. */
@NullMarked
package io.firstbyte.app.wiring;

import org.jspecify.annotations.NullMarked;
