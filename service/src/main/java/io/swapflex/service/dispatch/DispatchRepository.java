package io.swapflex.service.dispatch;


import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.plan.ActiveDispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accepted dispatch requests and their per-station shares, in the tables of {@code V2__dispatch_requests.sql}. */
public final class DispatchRepository {

    private static final String COLUMNS =
            "id, window_from, window_to, export_kw, reward_per_kwh, firm, requested_by, created_at";

    private final Jdbc jdbc;

    public DispatchRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a request with its allocations in one transaction. */
    public void insert(StoredDispatch d) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO dispatch_request (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, d.id());
                st.setTimestamp(2, Jdbc.timestamp(d.from()));
                st.setTimestamp(3, Jdbc.timestamp(d.to()));
                st.setDouble(4, d.exportKw());
                st.setDouble(5, d.rewardPerKwh());
                st.setBoolean(6, d.firm());
                st.setString(7, d.requestedBy());
                st.setTimestamp(8, Jdbc.timestamp(d.createdAt()));
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO dispatch_allocation (request_id, station_id, "
                    + "export_kw, plan_version, cost_increase) VALUES (?, ?, ?, ?, ?)")) {
                for (StoredDispatch.Allocation a : d.allocations()) {
                    st.setString(1, d.id());
                    st.setString(2, a.stationId());
                    st.setDouble(3, a.exportKw());
                    st.setLong(4, a.planVersion());
                    st.setDouble(5, a.costIncrease());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    public Optional<StoredDispatch> find(String id) {
        return jdbc.inTransaction(c -> {
            List<StoredDispatch> found = query(c, "WHERE id = ?", id);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    /** Every stored request, newest first; with a station id, the ones allocated to that station. */
    public List<StoredDispatch> list(String stationId) {
        return jdbc.inTransaction(c -> stationId == null ? query(c, "", null)
                : query(c, "WHERE id IN (SELECT request_id FROM dispatch_allocation WHERE station_id = ?)", stationId));
    }

    /** The station's shares of requests whose window ends after {@code now}, by window start. */
    public List<ActiveDispatch> active(String stationId, Instant now) {
        return jdbc.inTransaction(c -> {
            List<ActiveDispatch> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT r.id, r.window_from, r.window_to, a.export_kw, "
                    + "r.reward_per_kwh FROM dispatch_request r JOIN dispatch_allocation a ON a.request_id = r.id "
                    + "WHERE a.station_id = ? AND r.window_to > ? ORDER BY r.window_from, r.id")) {
                st.setString(1, stationId);
                st.setTimestamp(2, Jdbc.timestamp(now));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ActiveDispatch(rs.getString(1), Jdbc.instant(rs.getTimestamp(2)),
                                Jdbc.instant(rs.getTimestamp(3)), rs.getDouble(4), rs.getDouble(5)));
                    }
                }
            }
            return out;
        });
    }

    private static List<StoredDispatch> query(Connection c, String where, String arg) throws SQLException {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM dispatch_request " + where
                + " ORDER BY created_at DESC, id")) {
            if (arg != null) {
                st.setString(1, arg);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new Object[]{Jdbc.instant(rs.getTimestamp(2)),
                            Jdbc.instant(rs.getTimestamp(3)), rs.getDouble(4), rs.getDouble(5), rs.getBoolean(6),
                            rs.getString(7), Jdbc.instant(rs.getTimestamp(8))});
                }
            }
        }
        List<StoredDispatch> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT station_id, export_kw, plan_version, cost_increase "
                + "FROM dispatch_allocation WHERE request_id = ? ORDER BY station_id")) {
            for (Map.Entry<String, Object[]> row : rows.entrySet()) {
                st.setString(1, row.getKey());
                List<StoredDispatch.Allocation> allocations = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        allocations.add(new StoredDispatch.Allocation(rs.getString(1), rs.getDouble(2), rs.getLong(3),
                                rs.getDouble(4)));
                    }
                }
                Object[] v = row.getValue();
                out.add(new StoredDispatch(row.getKey(), (Instant) v[0], (Instant) v[1], (double) v[2], (double) v[3],
                        (boolean) v[4], (String) v[5], (Instant) v[6], allocations));
            }
        }
        return out;
    }
}
