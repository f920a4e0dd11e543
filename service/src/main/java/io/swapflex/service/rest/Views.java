package io.swapflex.service.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.BayState;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StoredEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the API answers, apart from contract documents (written by ContractJson) and schedules. */
final class Views {

    private Views() {
    }

    /** A station as the API shows it; {@code plan} is null before its first plan. */
    record StationView(String id, long version, long revision, Instant createdAt, Instant updatedAt, int bayCount,
                       int packsPresent, List<BayState> bays, PlanRef plan) {

        static StationView of(Station s, StoredPlan plan, boolean stale) {
            int present = (int) s.bays().stream().filter(BayState::packPresent).count();
            return new StationView(s.id(), s.version(), s.revision(), s.createdAt(), s.updatedAt(), s.bays().size(),
                    present, s.bays(), plan == null ? null : PlanRef.of(plan, stale));
        }
    }

    /** The current plan in brief. */
    record PlanRef(long version, String status, double total, Instant createdAt, boolean stale) {
        static PlanRef of(StoredPlan p, boolean stale) {
            return new PlanRef(p.version(), p.plan().status().name(), p.plan().objective().total(), p.createdAt(), stale);
        }
    }

    /**
     * A committed plan with its provenance.
     *
     * @param stale      the station changed (registration or battery event) since this plan was made
     * @param ageSeconds seconds since it was committed
     * @param check      what the independent plan checker finds
     * @param plan       the contract-v1 plan
     */
    record PlanView(String stationId, long version, long revision, String reason, Instant createdAt, long ageSeconds,
                    boolean stale, Check check, JsonNode plan) {

        static PlanView of(StoredPlan p, boolean stale, CheckReport report, Instant now) {
            return new PlanView(p.stationId(), p.version(), p.revision(), p.reason(), p.createdAt(),
                    Math.max(0, Duration.between(p.createdAt(), now).toSeconds()), stale,
                    new Check(report.hardRulesMet(), report.violations()),
                    ContractJson.mapper().valueToTree(p.plan()));
        }
    }

    record Check(boolean hardRulesMet, List<String> violations) {
    }

    /** The answer to a battery event: stored, and a re-plan is on its way. */
    record EventAccepted(long eventId, String stationId, long revision, String kind, String bayId, Instant occurredAt,
                         boolean replanRequested) {
        static EventAccepted of(StoredEvent e) {
            return new EventAccepted(e.id(), e.stationId(), e.revision(), e.event().kind().name(), e.event().bayId(),
                    e.event().occurredAt(), true);
        }
    }
}
