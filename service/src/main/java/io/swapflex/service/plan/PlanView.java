package io.swapflex.service.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.contract.ContractJson;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A committed plan with its provenance, as the API shows it.
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

    record Check(boolean hardRulesMet, List<String> violations) {
    }
}
