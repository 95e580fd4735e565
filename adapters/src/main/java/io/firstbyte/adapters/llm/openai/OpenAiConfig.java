package io.firstbyte.adapters.llm.openai;

import io.firstbyte.adapters.http.Secrets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one OpenAI-compatible server. {@code baseUrl} ends before {@code /chat/completions}
 * (for example {@code https://api.openai.com/v1}, {@code https://api.groq.com/openai/v1},
 * {@code http://localhost:11434/v1} for Ollama). {@code provider} names it in logs, errors and
 * breaker metrics. {@code temperature} null leaves the server's default (some reasoning models
 * refuse the field); {@code maxCompletionTokens} sends the newer field name instead of
 * {@code max_tokens}. {@code readTimeout} bounds the silence between two network reads of a response.
 * The key never appears in {@link #toString()}.
 */
public record OpenAiConfig(String provider, String baseUrl, String apiKey, String model, @Nullable Double temperature,
                           int maxTokens, boolean maxCompletionTokens, String toolChoice, boolean parallelToolCalls,
                           boolean includeUsage, Duration connectTimeout, Duration readTimeout, int maxConnections,
                           Duration maxIdle) {

    public OpenAiConfig {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (maxTokens < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("maxTokens and maxConnections must be positive");
        }
    }

    /** Defaults for a voice agent: short answers, tools allowed, usage reported, a 50 s keep-alive pool. */
    public static OpenAiConfig of(String provider, String baseUrl, String apiKey, String model) {
        return new OpenAiConfig(provider, baseUrl, apiKey, model, 0.3, 300, false, "auto", true, true,
                Duration.ofSeconds(3), Duration.ofSeconds(10), 64, Duration.ofSeconds(50));
    }

    public OpenAiConfig withTimeouts(Duration connectTimeout, Duration readTimeout) {
        return new OpenAiConfig(provider, baseUrl, apiKey, model, temperature, maxTokens, maxCompletionTokens, toolChoice,
                parallelToolCalls, includeUsage, connectTimeout, readTimeout, maxConnections, maxIdle);
    }

    public OpenAiConfig withIncludeUsage(boolean includeUsage) {
        return new OpenAiConfig(provider, baseUrl, apiKey, model, temperature, maxTokens, maxCompletionTokens, toolChoice,
                parallelToolCalls, includeUsage, connectTimeout, readTimeout, maxConnections, maxIdle);
    }

    @Override
    public String toString() {
        return "OpenAiConfig[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey=" + Secrets.mask(apiKey)
                + ", model=" + model + ", temperature=" + temperature + ", maxTokens=" + maxTokens
                + ", toolChoice=" + toolChoice + ", readTimeout=" + readTimeout + "]";
    }
}
