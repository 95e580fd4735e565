package io.firstbyte.adapters.telephony.plivo;

import io.firstbyte.adapters.telephony.common.CallerNumbers;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code extraHeaders} of Plivo's {@code <Stream>}, as they come back in {@code start}:
 * comma-separated {@code key=value} pairs. Plivo allows only letters and digits there, so numbers
 * are written without their {@code +}; an all-digit {@code From} or {@code To} gets it back.
 */
final class ExtraHeaders {

    private ExtraHeaders() {
    }

    static Map<String, String> parse(String headers) {
        Map<String, String> values = headers.strip().startsWith("{") ? jsonObject(headers) : pairs(headers);
        Map<String, String> named = new LinkedHashMap<>(CallerNumbers.withFromAndTo(values));
        named.computeIfPresent(CallerNumbers.FROM, (name, number) -> e164(number));
        named.computeIfPresent(CallerNumbers.TO, (name, number) -> e164(number));
        return named;
    }

    private static Map<String, String> pairs(String headers) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : headers.split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
        }
        return values;
    }

    private static Map<String, String> jsonObject(String headers) {
        try {
            return Json.scalars(Json.parseObject(headers));
        } catch (DroppedMessage notJson) {
            return Map.of();
        }
    }

    private static String e164(String number) {
        return !number.isEmpty() && number.chars().allMatch(Character::isDigit) ? "+" + number : number;
    }
}
