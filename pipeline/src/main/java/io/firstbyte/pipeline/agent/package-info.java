/** The agent turn: model, tools, clause chunking, heard-only history. */
@NullMarked
package io.firstbyte.pipeline.agent;

import org.jspecify.annotations.NullMarked;
