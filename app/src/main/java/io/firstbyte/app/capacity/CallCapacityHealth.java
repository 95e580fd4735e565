package io.firstbyte.app.capacity;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The readiness of this instance for new calls (in the {@code readiness} health group): out of
 * service while it drains or holds as many calls as its cap allows, so a load balancer sends new
 * calls to another instance; up again as soon as a place is free.
 */
public final class CallCapacityHealth implements HealthIndicator {

    private final CallAdmission admission;

    public CallCapacityHealth(CallAdmission admission) {
        this.admission = admission;
    }

    @Override
    public Health health() {
        Health.Builder health = admission.refusal().map(refusal -> Health.outOfService()
                .withDetail("refusing", refusal == CallAdmission.Refusal.DRAIN ? "draining" : "full"))
                .orElseGet(Health::up);
        return health.withDetail("calls", admission.calls()).withDetail("capacity", admission.capacity()).build();
    }
}
