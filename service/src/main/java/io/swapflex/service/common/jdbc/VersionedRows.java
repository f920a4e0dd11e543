package io.swapflex.service.common.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table of per-station versions (columns {@code station_id, version, ...}): the latest version, one version, the
 * list of versions, and the next version number for an append. The plan and forecast repositories are such tables;
 * the table and column names are constants of theirs, never input.
 */
public abstract class VersionedRows<T> {

    /** Maps the current row (the columns in the order given) to a record. */
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    protected final Jdbc jdbc;
    private final String table;
    private final String columns;
    private final Row<T> row;

    protected VersionedRows(Jdbc jdbc, String table, String columns, Row<T> row) {
        this.jdbc = jdbc;
        this.table = table;
        this.columns = columns;
        this.row = row;
    }

    public Optional<T> latest(String stationId) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + columns + " FROM " + table
                    + " WHERE station_id = ? AND version = (SELECT MAX(version) FROM " + table
                    + " WHERE station_id = ?)")) {
                st.setString(1, stationId);
                st.setString(2, stationId);
                return one(st);
            }
        });
    }

    public Optional<T> find(String stationId, long version) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + columns + " FROM " + table
                    + " WHERE station_id = ? AND version = ?")) {
                st.setString(1, stationId);
                st.setLong(2, version);
                return one(st);
            }
        });
    }

    /** The station's versions, oldest first. */
    public List<Long> versions(String stationId) {
        return jdbc.inTransaction(c -> {
            List<Long> versions = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT version FROM " + table + " WHERE station_id = ? ORDER BY version")) {
                st.setString(1, stationId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        versions.add(rs.getLong(1));
                    }
                }
            }
            return versions;
        });
    }

    /** The station's next version: one more than the highest stored, so versions only grow (0 stored: 1). */
    protected long nextVersion(Connection c, String stationId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT MAX(version) FROM " + table + " WHERE station_id = ?")) {
            st.setString(1, stationId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) + 1;
            }
        }
    }

    private Optional<T> one(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
        }
    }
}
