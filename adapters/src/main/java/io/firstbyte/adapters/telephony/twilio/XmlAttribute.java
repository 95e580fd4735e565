package io.firstbyte.adapters.telephony.twilio;

/** Escapes text for a double-quoted XML 1.0 attribute value, so that it parses back unchanged. */
final class XmlAttribute {

    private static final char REPLACEMENT = '\uFFFD';

    private XmlAttribute() {
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                // A parser normalises raw tabs and line breaks in attributes to spaces.
                case '\t', '\n', '\r' -> escaped.append("&#").append((int) c).append(';');
                default -> escaped.append(isXmlChar(value, i) ? c : REPLACEMENT);
            }
        }
        return escaped.toString();
    }

    /** XML 1.0 allows no other control characters, no U+FFFE/U+FFFF and no lone surrogates. */
    private static boolean isXmlChar(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
        }
        return c >= 0x20 && c != '\uFFFE' && c != '\uFFFF';
    }
}
