package io.firstbyte.adapters.llm.openai;

import io.firstbyte.adapters.http.FailureClassifier;
import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.adapters.http.RetryAfter;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Classifies OpenAI-style errors: a non-2xx answer before streaming, or an error event during it. */
final class OpenAiErrors {

    private static final int MAX_MESSAGE = 200;

    private OpenAiErrors() {
    }

    /** A non-2xx answer: its status decides the category, its headers and body refine it. */
    static ProviderFailure fromStatus(String provider, int status, HttpHeaders headers, String body, ObjectMapper json,
                                      String secret) {
        JsonNode error = errorObject(body, json);
        String code = text(error, "code");
        ErrorCategory category = FailureClassifier.forStatus(status);
        Duration retryAfter = RetryAfter.from(headers::get);
        boolean retryable = category.isTransient() && !"insufficient_quota".equals(code);
        String shouldRetry = headers.get("x-should-retry");
        if (shouldRetry != null) {
            retryable = Boolean.parseBoolean(shouldRetry);
        }
        String message = "HTTP " + status + describe(error, secret);
        return new ProviderFailure(provider, category, message, retryAfter, retryable, null);
    }

    /** An error object sent as an event in an already streaming response. */
    static ProviderFailure fromEvent(String provider, JsonNode error, String secret) {
        String kind = (text(error, "type") + " " + text(error, "code")).toLowerCase(java.util.Locale.ROOT);
        ErrorCategory category;
        if (kind.contains("rate_limit")) {
            category = ErrorCategory.RATE_LIMIT;
        } else if (kind.contains("invalid_request")) {
            category = ErrorCategory.INVALID_REQUEST;
        } else if (kind.contains("auth") || kind.contains("permission")) {
            category = ErrorCategory.AUTHENTICATION;
        } else {
            category = ErrorCategory.SERVER;
        }
        return ProviderFailure.of(provider, category, "error event" + describe(error, secret));
    }

    private static @Nullable JsonNode errorObject(String body, ObjectMapper json) {
        try {
            JsonNode error = json.readTree(body).path("error");
            return error.isObject() ? error : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    /** The error's type, code and message; the key is cut out should a server echo it back. */
    private static String describe(@Nullable JsonNode error, String secret) {
        if (error == null) {
            return "";
        }
        String message = text(error, "message");
        if (secret.length() >= 4) {
            message = message.replace(secret, "****");
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        return " (" + text(error, "type") + "/" + text(error, "code") + "): " + message;
    }

    private static String text(@Nullable JsonNode node, String field) {
        if (node == null) {
            return "";
        }
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString() : "";
    }
}
