/** One call's subscription graph: caller audio in, the agent's paced answers out. */
@NullMarked
package io.firstbyte.pipeline.graph;

import org.jspecify.annotations.NullMarked;
