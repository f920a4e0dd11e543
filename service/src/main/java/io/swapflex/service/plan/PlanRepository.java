package io.swapflex.service.plan;

import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.VersionedRows;

import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * Every plan version of every station, each with the problem it solved (latest, find, versions:
 * {@link VersionedRows}).
 */
public final class PlanRepository extends VersionedRows<StoredPlan> {

    private static final String COLUMNS = "station_id, version, revision, reason, created_at, problem, plan";

    public PlanRepository(Jdbc jdbc) {
        super(jdbc, "plan", COLUMNS, rs -> new StoredPlan(rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getString(4), Jdbc.instant(rs.getTimestamp(5)), ContractJson.readProblem(rs.getString(6)),
                ContractJson.readPlan(rs.getString(7))));
    }

    /**
     * Commits a plan as the station's next version (one more than the highest stored, so versions only grow).
     *
     * @return the stored plan with its version
     */
    public StoredPlan append(String stationId, long revision, String reason, Instant createdAt, Problem problem,
                             Plan plan) {
        return jdbc.inTransaction(c -> {
            long version = nextVersion(c, stationId);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO plan (" + COLUMNS
                    + ", status, objective_total, solve_millis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, stationId);
                st.setLong(2, version);
                st.setLong(3, revision);
                st.setString(4, reason);
                st.setTimestamp(5, Jdbc.timestamp(createdAt));
                st.setString(6, ContractJson.write(problem));
                st.setString(7, ContractJson.write(plan));
                st.setString(8, plan.status().name());
                st.setDouble(9, plan.objective().total());
                st.setLong(10, plan.solveMillis());
                st.executeUpdate();
            }
            return new StoredPlan(stationId, version, revision, reason, createdAt, problem, plan);
        });
    }
}
