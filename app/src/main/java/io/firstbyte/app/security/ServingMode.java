package io.firstbyte.app.security;

/**
 * Development: the README's first command as it is (embedded stores, no secret): everything is open.
 * Production: any secret or external store set (or {@code FIRSTBYTE_MODE=production}): only
 * configured ingress is served, each behind its secret.
 */
public enum ServingMode {
    DEVELOPMENT,
    PRODUCTION
}
