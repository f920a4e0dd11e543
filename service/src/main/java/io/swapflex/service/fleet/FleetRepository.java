package io.swapflex.service.fleet;

import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jobs.JobState;
import io.swapflex.service.common.jobs.JobTable;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Fleet jobs and their station plans ({@code fleet_job}, {@code fleet_station_plan} of {@code V5__fleet_jobs.sql}). */
public final class FleetRepository {

    private static final String COLUMNS = "id, state, created_at, started_at, finished_at, created_by, fleet_id, "
            + "station_count, time_limit_ms, error";

    private final Jdbc jdbc;
    private final JobTable table;

    public FleetRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.table = new JobTable(jdbc, "fleet_job");
    }

    /** The jobs' states, as {@link io.swapflex.service.common.jobs.JobRunner} moves them. */
    public JobTable table() {
        return table;
    }

    public void insert(FleetJob job, FleetProblem problem) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO fleet_job (id, state, created_at, created_by, "
                    + "fleet_id, station_count, time_limit_ms, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, job.id());
                st.setString(2, job.state().name());
                st.setTimestamp(3, Jdbc.timestamp(job.createdAt()));
                st.setString(4, job.createdBy());
                st.setString(5, job.fleetId());
                st.setInt(6, job.stationCount());
                st.setLong(7, job.timeLimitMillis());
                st.setString(8, ContractJson.write(problem));
                st.executeUpdate();
            }
            return null;
        });
    }

    public Optional<FleetJob> job(String id) {
        List<FleetJob> found = query("SELECT " + COLUMNS + " FROM fleet_job WHERE id = ?", id, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The newest jobs first, at most {@code limit}. */
    public List<FleetJob> list(int limit) {
        return query("SELECT " + COLUMNS + " FROM fleet_job ORDER BY created_at DESC, id", null, limit);
    }

    public FleetProblem problem(String id) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT problem FROM fleet_job WHERE id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? ContractJson.read(rs.getString(1), FleetProblem.class) : null;
                }
            }
        });
    }

    /**
     * Stores the fleet plan (figures and every station plan, in one transaction; the job's runner then marks it DONE).
     * Stored again, it replaces what a run a stop interrupted had stored.
     */
    public void store(String id, FleetPlan plan) {
        FleetPlan figures = new FleetPlan(plan.formatVersion(), plan.fleetId(), plan.status(), plan.total(),
                plan.bound(), plan.gap(), plan.solveMillis(), plan.priceRounds(), plan.coupling(), List.of(),
                plan.violations());
        jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM fleet_station_plan WHERE job_id = ?")) {
                st.setString(1, id);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO fleet_station_plan (job_id, position, "
                    + "station_id, plan) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < plan.stations().size(); i++) {
                    Plan p = plan.stations().get(i);
                    st.setString(1, id);
                    st.setInt(2, i);
                    st.setString(3, p.stationId());
                    st.setString(4, ContractJson.write(p));
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE fleet_job SET figures = ? WHERE id = ?")) {
                st.setString(1, ContractJson.write(figures));
                st.setString(2, id);
                st.executeUpdate();
            }
            return null;
        });
    }

    /** The fleet's figures (a fleet plan without its station plans), once DONE. */
    public Optional<FleetPlan> figures(String id) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT figures FROM fleet_job WHERE id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() && rs.getString(1) != null
                            ? Optional.of(ContractJson.read(rs.getString(1), FleetPlan.class)) : Optional.empty();
                }
            }
        });
    }

    public Optional<Plan> stationPlan(String id, String stationId) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT plan FROM fleet_station_plan WHERE job_id = ? "
                    + "AND station_id = ?")) {
                st.setString(1, id);
                st.setString(2, stationId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(ContractJson.readPlan(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** Every station plan of a DONE job, in the fleet problem's order. */
    public List<Plan> stationPlans(String id) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT plan FROM fleet_station_plan WHERE job_id = ? "
                    + "ORDER BY position")) {
                st.setString(1, id);
                List<Plan> plans = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        plans.add(ContractJson.readPlan(rs.getString(1)));
                    }
                }
                return plans;
            }
        });
    }

    private List<FleetJob> query(String sql, String parameter, int limit) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                if (parameter != null) {
                    st.setString(1, parameter);
                }
                st.setMaxRows(limit);
                List<FleetJob> jobs = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(row(rs));
                    }
                }
                return jobs;
            }
        });
    }

    private static FleetJob row(ResultSet rs) throws SQLException {
        return new FleetJob(rs.getString(1), JobState.valueOf(rs.getString(2)), at(rs.getTimestamp(3)),
                at(rs.getTimestamp(4)), at(rs.getTimestamp(5)), rs.getString(6), rs.getString(7), rs.getInt(8),
                rs.getLong(9), rs.getString(10));
    }

    private static Instant at(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : Jdbc.instant(timestamp);
    }
}
