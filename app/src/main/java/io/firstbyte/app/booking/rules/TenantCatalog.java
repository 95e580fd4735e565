package io.firstbyte.app.booking.rules;

import io.firstbyte.app.tenant.TenantInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything about a tenant that changes rarely: its settings, services and staff (sorted by name), its
 * own hours and closures, and the {@code revision} it was read at (every administrative change bumps it;
 * cached slots are kept per revision, so slots computed from an older catalog are never served).
 */
public record TenantCatalog(TenantInfo tenant, List<ServiceInfo> services, List<StaffInfo> staff,
                            BusinessCalendar calendar, long revision) {

    public TenantCatalog {
        services = services.stream().sorted(Comparator.comparing(ServiceInfo::name)).toList();
        staff = staff.stream().sorted(Comparator.comparing(StaffInfo::name)).toList();
    }

    /** A catalog without hours or closures of the business's own, at revision 0. */
    public TenantCatalog(TenantInfo tenant, List<ServiceInfo> services, List<StaffInfo> staff) {
        this(tenant, services, staff, BusinessCalendar.NONE, 0);
    }

    /** A service by id or by name, case-insensitively, tolerating spelling variants ("color", "blow dry"). */
    public Optional<ServiceInfo> service(String nameOrId) {
        String wanted = normalise(nameOrId);
        return services.stream()
                .filter(s -> s.id().toString().equals(nameOrId) || normalise(s.name()).equals(wanted)
                        || (normalise(s.name()) + "s").equals(wanted))
                .findFirst();
    }

    /** A staff member by id or by name, case-insensitively. */
    public Optional<StaffInfo> staffMember(String nameOrId) {
        String wanted = normalise(nameOrId);
        return staff.stream()
                .filter(s -> s.id().toString().equals(nameOrId) || normalise(s.name()).equals(wanted))
                .findFirst();
    }

    public Optional<StaffInfo> staffById(UUID id) {
        return staff.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<ServiceInfo> serviceById(UUID id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public String staffName(UUID id) {
        return staffById(id).map(StaffInfo::name).orElse("");
    }

    public List<String> serviceNames() {
        return services.stream().map(ServiceInfo::name).toList();
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]", "").replace("colour", "color");
    }
}
