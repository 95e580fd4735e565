/** A local OpenAI-compatible Chat Completions server (SSE), for tests. */
@NullMarked
package io.firstbyte.adapters.llm.openai.fake;

import org.jspecify.annotations.NullMarked;
