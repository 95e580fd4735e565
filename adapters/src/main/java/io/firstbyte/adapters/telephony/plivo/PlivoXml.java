package io.firstbyte.adapters.telephony.plivo;

import java.util.regex.Pattern;

/**
 * The two Plivo XML answers to a transfer's {@code aleg_url}, which Plivo runs in place of the call's
 * current XML: {@code <Dial><Number>} to hand the caller over, or {@code <Hangup/>}.
 */
public final class PlivoXml {

    private static final String PROLOGUE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private PlivoXml() {
    }

    /**
     * Connects the caller to {@code e164}: {@code <Response><Dial><Number>15550009999</Number></Dial></Response>},
     * the number with its country code and without {@code +}, as Plivo writes numbers in its XML.
     */
    public static String dial(String e164) {
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("a number to dial must be E.164 (+ and 7 to 15 digits)");
        }
        return PROLOGUE + "<Response><Dial><Number>" + e164.substring(1) + "</Number></Dial></Response>";
    }

    /** Ends the call. */
    public static String hangup() {
        return PROLOGUE + "<Response><Hangup/></Response>";
    }
}
