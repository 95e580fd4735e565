package io.firstbyte.app.security;

import org.springframework.core.env.PropertyResolver;

/** A configuration property and the environment variable users set it with (named in messages). */
record Setting(String property, String variable) {

    /** The value, stripped; empty when unset or blank. */
    String value(PropertyResolver environment) {
        String value = environment.getProperty(property);
        return value == null ? "" : value.strip();
    }

    boolean isSet(PropertyResolver environment) {
        return !value(environment).isEmpty();
    }
}
