package io.swapflex.service.common.jobs;

import io.swapflex.service.common.jdbc.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The columns every job table has ({@code id}, {@code state}, {@code created_at}, {@code started_at},
 * {@code finished_at}, {@code error}): a job's state and its moves. Each feature keeps its own table with its own
 * columns beside these (what the job plans, what it found); this is the part {@link JobRunner} needs.
 */
public final class JobTable {

    /** A job a stop interrupted: QUEUED, or RUNNING when the service stopped. */
    public record Unfinished(String id, JobState state) {
    }

    private final Jdbc jdbc;
    private final String table;

    /** @param table the table's name, a constant of the feature (never a caller's input) */
    public JobTable(Jdbc jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    public Optional<JobState> state(String id) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT state FROM " + table + " WHERE id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(JobState.valueOf(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** The QUEUED and RUNNING jobs, oldest first. */
    public List<Unfinished> unfinished() {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id, state FROM " + table
                    + " WHERE state IN (?, ?) ORDER BY created_at, id")) {
                st.setString(1, JobState.QUEUED.name());
                st.setString(2, JobState.RUNNING.name());
                List<Unfinished> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Unfinished(rs.getString(1), JobState.valueOf(rs.getString(2))));
                    }
                }
                return out;
            }
        });
    }

    public int count(JobState state) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE state = ?")) {
                st.setString(1, state.name());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * Moves a job to a state with its error (null but for FAILED); {@code at} stamps {@code started_at} (RUNNING) or
     * {@code finished_at} (DONE, FAILED) and is unused for QUEUED.
     */
    public void move(String id, JobState state, Instant at, String error) {
        jdbc.inTransaction(c -> {
            String column = switch (state) {
                case RUNNING -> ", started_at = ?";
                case DONE, FAILED -> ", finished_at = ?";
                case QUEUED -> "";
            };
            try (PreparedStatement st = c.prepareStatement("UPDATE " + table + " SET state = ?, error = ?" + column
                    + " WHERE id = ?")) {
                st.setString(1, state.name());
                if (error == null) {
                    st.setNull(2, Types.VARCHAR);
                } else {
                    st.setString(2, error);
                }
                int i = 3;
                if (!column.isEmpty()) {
                    st.setTimestamp(i++, Jdbc.timestamp(at));
                }
                st.setString(i, id);
                st.executeUpdate();
            }
            return null;
        });
    }
}
