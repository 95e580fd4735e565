package io.firstbyte.app.records;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * How call records are written as JSON, in the database ({@code turns}) and by the admin API alike:
 * snake_case names, as the rest of {@code /admin} answers; a stored field this version does not know
 * is skipped, so records outlive changes to their shape.
 */
public final class CallRecordJson {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CallRecordJson() {
    }
}
