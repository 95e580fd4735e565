/** A local OpenAI-compatible Chat Completions server (SSE), for tests and benchmarks. */
@NullMarked
package io.firstbyte.fakes.openai;

import org.jspecify.annotations.NullMarked;
