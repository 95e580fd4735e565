/** OpenAI-compatible streaming tests against the fake. */
@NullMarked
package io.firstbyte.adapters.llm.openai;

import org.jspecify.annotations.NullMarked;
