package io.firstbyte.app.security;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when the AudioSocket TCP listener is served ({@link IngressPolicy}): in development unless
 * {@code AUDIOSOCKET_ENABLED=false}, in production only with {@code AUDIOSOCKET_ENABLED=true}. A
 * configuration that cannot be served is reported by the {@link IngressPolicy} bean, not here.
 */
public final class AudioSocketServed implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        try {
            return IngressPolicy.decide(context.getEnvironment()).serves(Ingress.AUDIOSOCKET);
        } catch (IllegalStateException unservable) {
            return false;
        }
    }
}
