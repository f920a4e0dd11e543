package io.swapflex.service.whatif;

import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jobs.JobState;
import io.swapflex.service.common.jobs.JobTable;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What-if jobs and their scenarios ({@code whatif_job}, {@code whatif_scenario} of {@code V3__whatif_forecasts.sql}). */
public final class WhatIfRepository {

    private static final String JOB_COLUMNS = "j.id, j.state, j.created_at, j.started_at, j.finished_at, j.created_by, "
            + "j.station_id, j.base_source, j.scenario_count, j.error, (SELECT COUNT(*) FROM whatif_scenario s "
            + "WHERE s.job_id = j.id AND (s.plan IS NOT NULL OR s.error IS NOT NULL))";
    private static final String SCENARIO_COLUMNS = "job_id, position, name, variations, solver, time_limit_ms, "
            + "gap_target, problem, plan, error, solved_at";

    private final Jdbc jdbc;
    private final JobTable table;

    public WhatIfRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.table = new JobTable(jdbc, "whatif_job");
    }

    /** The jobs' states, as {@link io.swapflex.service.common.jobs.JobRunner} moves them. */
    public JobTable table() {
        return table;
    }

    /** Stores a new job (QUEUED) with its scenarios, in one transaction. */
    public void insert(WhatIfJob job, List<WhatIfScenario> scenarios) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO whatif_job (id, state, created_at, created_by, "
                    + "station_id, base_source, scenario_count) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, job.id());
                st.setString(2, job.state().name());
                st.setTimestamp(3, Jdbc.timestamp(job.createdAt()));
                st.setString(4, job.createdBy());
                st.setString(5, job.stationId());
                st.setString(6, job.baseSource());
                st.setInt(7, job.scenarioCount());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO whatif_scenario (job_id, position, name, "
                    + "variations, solver, time_limit_ms, gap_target, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (WhatIfScenario s : scenarios) {
                    st.setString(1, job.id());
                    st.setInt(2, s.position());
                    st.setString(3, s.name());
                    st.setString(4, s.variations());
                    st.setString(5, s.solver());
                    st.setLong(6, s.timeLimitMillis());
                    st.setDouble(7, s.gapTarget());
                    st.setString(8, ContractJson.write(s.problem()));
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    public Optional<WhatIfJob> job(String id) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM whatif_job j WHERE j.id = ?")) {
                st.setString(1, id);
                List<WhatIfJob> jobs = jobs(st);
                return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
            }
        });
    }

    /** The newest jobs first, at most {@code limit}. */
    public List<WhatIfJob> list(int limit) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + JOB_COLUMNS
                    + " FROM whatif_job j ORDER BY j.created_at DESC, j.id")) {
                st.setMaxRows(limit);
                return jobs(st);
            }
        });
    }

    /** The job's scenarios in order, with their plans. */
    public List<WhatIfScenario> scenarios(String jobId) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + SCENARIO_COLUMNS
                    + " FROM whatif_scenario WHERE job_id = ? ORDER BY position")) {
                st.setString(1, jobId);
                List<WhatIfScenario> scenarios = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String plan = rs.getString(9);
                        Timestamp solved = rs.getTimestamp(11);
                        scenarios.add(new WhatIfScenario(rs.getString(1), rs.getInt(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getLong(6), rs.getDouble(7),
                                ContractJson.readProblem(rs.getString(8)),
                                plan == null ? null : ContractJson.readPlan(plan), rs.getString(10),
                                solved == null ? null : Jdbc.instant(solved)));
                    }
                }
                return scenarios;
            }
        });
    }

    /** A scenario's outcome: its plan, or the error that stopped its solve. */
    public void result(String jobId, int position, String planJson, String error, Instant solvedAt) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE whatif_scenario SET plan = ?, error = ?, solved_at = ? "
                    + "WHERE job_id = ? AND position = ?")) {
                if (planJson == null) {
                    st.setNull(1, Types.VARCHAR);
                } else {
                    st.setString(1, planJson);
                }
                if (error == null) {
                    st.setNull(2, Types.VARCHAR);
                } else {
                    st.setString(2, error);
                }
                st.setTimestamp(3, Jdbc.timestamp(solvedAt));
                st.setString(4, jobId);
                st.setInt(5, position);
                st.executeUpdate();
            }
            return null;
        });
    }

    private static List<WhatIfJob> jobs(PreparedStatement st) throws SQLException {
        List<WhatIfJob> jobs = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                Timestamp started = rs.getTimestamp(4);
                Timestamp finished = rs.getTimestamp(5);
                jobs.add(new WhatIfJob(rs.getString(1), JobState.valueOf(rs.getString(2)),
                        Jdbc.instant(rs.getTimestamp(3)), started == null ? null : Jdbc.instant(started),
                        finished == null ? null : Jdbc.instant(finished), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getInt(9), rs.getInt(11), rs.getString(10)));
            }
        }
        return jobs;
    }
}
