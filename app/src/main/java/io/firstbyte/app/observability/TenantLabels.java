package io.firstbyte.app.observability;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tenant} label of the call meters, bounded: the {@code limit} tenants with the most
 * calls keep their own label, every other tenant is {@value #OTHER}, a call without a tenant is
 * {@value #NONE}. A tenant climbs into the top when it has clearly more calls than the weakest one
 * there (a quarter more), which then falls back to {@value #OTHER} and is handed to {@code evicted}
 * so that its series can be removed; counts halve every {@code limit × 500} calls, so the top
 * follows recent traffic. Called once per call, never per frame; reading a label takes no lock.
 */
public final class TenantLabels {

    public static final String OTHER = "other";
    public static final String NONE = "none";
    /** Tenants counted at most; beyond it the rarest are forgotten at the next halving. */
    private static final int MAX_COUNTED = 10_000;

    private final int limit;
    private final Consumer<String> evicted;
    private final Map<String, Long> counts = new HashMap<>();
    private final long halveEvery;
    private long calls;
    private volatile Set<String> top = Set.of();

    public TenantLabels(int limit, Consumer<String> evicted) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more");
        }
        this.limit = limit;
        this.evicted = evicted;
        this.halveEvery = Math.max(1_000, limit * 500L);
    }

    /** The label of {@code tenantId} now, without counting a call. */
    public String label(@Nullable String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return NONE;
        }
        return top.contains(tenantId) ? tenantId : OTHER;
    }

    /** Counts a call of {@code tenantId} and returns its label. */
    public String called(@Nullable String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return NONE;
        }
        String gone = count(tenantId);
        if (gone != null) {
            evicted.accept(gone);
        }
        return label(tenantId);
    }

    /** Returns the tenant that left the top, if one did. */
    private synchronized @Nullable String count(String tenantId) {
        if (++calls % halveEvery == 0) {
            halve();
        }
        if (counts.size() >= MAX_COUNTED && !counts.containsKey(tenantId)) {
            return null;
        }
        long count = counts.merge(tenantId, 1L, Long::sum);
        Set<String> current = top;
        if (current.contains(tenantId) || limit == 0) {
            return null;
        }
        if (current.size() < limit) {
            top = with(current, tenantId, null);
            return null;
        }
        String weakest = null;
        long weakestCount = Long.MAX_VALUE;
        for (String member : current) {
            long memberCount = counts.getOrDefault(member, 0L);
            if (memberCount < weakestCount) {
                weakest = member;
                weakestCount = memberCount;
            }
        }
        if (weakest == null || count <= weakestCount + Math.max(1, weakestCount / 4)) {
            return null;
        }
        top = with(current, tenantId, weakest);
        return weakest;
    }

    private void halve() {
        counts.replaceAll((tenant, count) -> count / 2);
        counts.entrySet().removeIf(entry -> entry.getValue() == 0 && !top.contains(entry.getKey()));
    }

    private static Set<String> with(Set<String> current, String added, @Nullable String removed) {
        HashSet<String> next = new HashSet<>(current);
        next.add(added);
        if (removed != null) {
            next.remove(removed);
        }
        return Set.copyOf(next);
    }
}
