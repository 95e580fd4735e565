/** The language model stage interface and chat messages. */
@NullMarked
package io.firstbyte.pipeline.llm;

import org.jspecify.annotations.NullMarked;
