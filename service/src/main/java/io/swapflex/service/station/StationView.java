package io.swapflex.service.station;

import java.time.Instant;
import java.util.List;

/**
 * A station as the API shows it; {@code plan} is null before its first plan.
 */
public record StationView(String id, long version, long revision, Instant createdAt, Instant updatedAt, int bayCount,
                          int packsPresent, List<BayState> bays, PlanRef plan) {

    /** The current plan in brief. */
    public record PlanRef(long version, String status, double total, Instant createdAt, boolean stale) {
    }

    /**
     * The brief of a station's current plan, or null before its first plan. The plan feature gives it (it depends on
     * stations; stations may not depend on it).
     */
    @FunctionalInterface
    public interface CurrentPlans {
        PlanRef brief(Station station);
    }

    public static StationView of(Station s, PlanRef plan) {
        int present = (int) s.bays().stream().filter(BayState::packPresent).count();
        return new StationView(s.id(), s.version(), s.revision(), s.createdAt(), s.updatedAt(), s.bays().size(),
                present, s.bays(), plan);
    }

    /** The answer to a battery event: stored, and a re-plan is on its way. */
    public record EventAccepted(long eventId, String stationId, long revision, String kind, String bayId,
                                Instant occurredAt, boolean replanRequested) {
        static EventAccepted of(StoredEvent e) {
            return new EventAccepted(e.id(), e.stationId(), e.revision(), e.event().kind().name(), e.event().bayId(),
                    e.event().occurredAt(), true);
        }
    }
}
