/** Tools the agent can call: their contract, registry and argument checks. */
@NullMarked
package io.firstbyte.pipeline.tool;

import org.jspecify.annotations.NullMarked;
