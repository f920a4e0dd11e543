package io.swapflex.service.openadr;

import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.plan.GridSignal;
import io.swapflex.service.station.StationRepository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** OpenADR events, their stations and the price and limit signals they set, in the tables of {@code V4__openadr_events.sql}. */
public final class OpenAdrRepository {

    private static final String COLUMNS = "id, program_id, created_at, created_by, ends_at, body, outcome";

    private final Jdbc jdbc;

    public OpenAdrRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores an event with its stations. */
    public void insert(StoredAdrEvent e) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO openadr_event (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, e.id());
                st.setString(2, e.programId());
                st.setTimestamp(3, Jdbc.timestamp(e.createdAt()));
                st.setString(4, e.createdBy());
                st.setTimestamp(5, Jdbc.timestamp(e.endsAt()));
                st.setString(6, e.body());
                st.setString(7, e.outcome());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO openadr_event_station (event_id, station_id) VALUES (?, ?)")) {
                for (String station : e.stationIds()) {
                    st.setString(1, e.id());
                    st.setString(2, station);
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /**
     * Stores an event's signals for one station and moves the station to its next revision (its plan is stale), in
     * one transaction.
     */
    public void insertSignals(String eventId, String stationId, long newRevision, List<GridSignal> signals,
                              Instant at) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO openadr_signal (event_id, station_id, "
                    + "position, kind, window_from, window_to, signal_value) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < signals.size(); i++) {
                    GridSignal g = signals.get(i);
                    st.setString(1, eventId);
                    st.setString(2, stationId);
                    st.setInt(3, i);
                    st.setString(4, g.kind().name());
                    st.setTimestamp(5, Jdbc.timestamp(g.from()));
                    st.setTimestamp(6, Jdbc.timestamp(g.to()));
                    st.setDouble(7, g.value());
                    st.addBatch();
                }
                st.executeBatch();
            }
            StationRepository.setRevision(c, stationId, newRevision, at);
            return null;
        });
    }

    public void setOutcome(String id, String outcome) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE openadr_event SET outcome = ? WHERE id = ?")) {
                st.setString(1, outcome);
                st.setString(2, id);
                st.executeUpdate();
            }
            return null;
        });
    }

    /** Removes an event that set no signal (none of its payloads was applied). */
    public void delete(String id) {
        jdbc.inTransaction(c -> {
            for (String table : List.of("openadr_signal", "openadr_event_station")) {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE event_id = ?")) {
                    st.setString(1, id);
                    st.executeUpdate();
                }
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM openadr_event WHERE id = ?")) {
                st.setString(1, id);
                st.executeUpdate();
            }
            return null;
        });
    }

    public Optional<StoredAdrEvent> find(String id) {
        return jdbc.inTransaction(c -> {
            List<StoredAdrEvent> found = query(c, "WHERE id = ?", id);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    /** Every stored event, newest first; with a station id, the ones targeting it. */
    public List<StoredAdrEvent> list(String stationId) {
        return jdbc.inTransaction(c -> stationId == null ? query(c, "", null) : query(c,
                "WHERE id IN (SELECT event_id FROM openadr_event_station WHERE station_id = ?)", stationId));
    }

    /** The station's signals whose window ends after {@code now}: oldest event first, in each in its order. */
    public List<GridSignal> signals(String stationId, Instant now) {
        return jdbc.inTransaction(c -> {
            List<GridSignal> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT s.kind, s.window_from, s.window_to, "
                    + "s.signal_value FROM openadr_signal s JOIN openadr_event e ON e.id = s.event_id "
                    + "WHERE s.station_id = ? AND s.window_to > ? ORDER BY e.created_at, e.id, s.position")) {
                st.setString(1, stationId);
                st.setTimestamp(2, Jdbc.timestamp(now));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new GridSignal(GridSignal.Kind.valueOf(rs.getString(1)),
                                Jdbc.instant(rs.getTimestamp(2)), Jdbc.instant(rs.getTimestamp(3)), rs.getDouble(4)));
                    }
                }
            }
            return out;
        });
    }

    private static List<StoredAdrEvent> query(Connection c, String where, String arg) throws SQLException {
        List<StoredAdrEvent> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM openadr_event " + where
                + " ORDER BY created_at DESC, id");
             PreparedStatement stations = c.prepareStatement(
                     "SELECT station_id FROM openadr_event_station WHERE event_id = ? ORDER BY station_id")) {
            if (arg != null) {
                st.setString(1, arg);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    List<String> ids = new ArrayList<>();
                    stations.setString(1, id);
                    try (ResultSet srs = stations.executeQuery()) {
                        while (srs.next()) {
                            ids.add(srs.getString(1));
                        }
                    }
                    out.add(new StoredAdrEvent(id, rs.getString(2), Jdbc.instant(rs.getTimestamp(3)), rs.getString(4),
                            Jdbc.instant(rs.getTimestamp(5)), rs.getString(6), rs.getString(7), ids));
                }
            }
        }
        return out;
    }
}
