/** One call's events: sealed families of plain records. */
@NullMarked
package io.firstbyte.pipeline.event;

import org.jspecify.annotations.NullMarked;
