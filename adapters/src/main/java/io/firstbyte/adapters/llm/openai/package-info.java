/** OpenAI-compatible Chat Completions streaming (OpenAI, Groq, Together, Ollama, vLLM, llama.cpp). */
@NullMarked
package io.firstbyte.adapters.llm.openai;

import org.jspecify.annotations.NullMarked;
