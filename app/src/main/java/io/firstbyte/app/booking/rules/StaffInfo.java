package io.firstbyte.app.booking.rules;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A staff member: the services they offer, and their weekly hours and breaks in local time. */
public record StaffInfo(UUID id, String name, Set<UUID> serviceIds, Map<DayOfWeek, List<TimeRange>> hours,
                        Map<DayOfWeek, List<TimeRange>> breaks) {

    public StaffInfo {
        serviceIds = Set.copyOf(serviceIds);
        hours = Map.copyOf(hours);
        breaks = Map.copyOf(breaks);
    }

    public boolean offers(ServiceInfo service) {
        return serviceIds.contains(service.id());
    }

    public List<TimeRange> hoursOn(DayOfWeek day) {
        return hours.getOrDefault(day, List.of());
    }

    public List<TimeRange> breaksOn(DayOfWeek day) {
        return breaks.getOrDefault(day, List.of());
    }
}
