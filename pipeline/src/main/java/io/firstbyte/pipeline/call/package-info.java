/** One call's subscription graph, its context and its settings. */
@NullMarked
package io.firstbyte.pipeline.call;

import org.jspecify.annotations.NullMarked;
