package io.swapflex.service.station;

import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stations, their bays' state and their battery events, in the tables of {@code V1__stations_events_plans.sql}. */
public final class StationRepository {

    /** At most this many events a multi-row insert (H2's path; 7 parameters each). */
    private static final int MAX_ROWS_PER_INSERT = 1_000;
    /** The writer's connection is checked with a query when it was idle this long (never under load). */
    private static final Duration WRITER_CHECK_AFTER_IDLE = Duration.ofSeconds(1);
    private static final String SET_REVISION = "UPDATE station SET revision = ?, updated_at = ? WHERE id = ?";

    private final Jdbc jdbc;
    /** The events' writer's own connection (see {@link #recordEvents}), taken at its first use. */
    private final Jdbc.Held writer;
    private final Object writerLock = new Object();
    /** Whether the database is PostgreSQL (the one-statement batch), known at the first batch. */
    private Boolean postgres;

    public StationRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.writer = jdbc.held(WRITER_CHECK_AFTER_IDLE);
    }

    public Optional<Station> find(String id) {
        return jdbc.inTransaction(c -> find(c, id));
    }

    /** Every station's id, in order. */
    public List<String> ids() {
        return jdbc.inTransaction(StationRepository::ids);
    }

    private static List<String> ids(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM station ORDER BY id");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    public List<Station> findAll() {
        return jdbc.inTransaction(c -> {
            List<String> ids = ids(c);
            List<Station> stations = new ArrayList<>();
            for (String id : ids) {
                find(c, id).ifPresent(stations::add);
            }
            return stations;
        });
    }

    /** Inserts a new station, or replaces the registration and bays of an existing one (a whole-row write). */
    public void save(Station station) {
        jdbc.inTransaction(c -> {
            boolean exists;
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM station WHERE id = ?")) {
                st.setString(1, station.id());
                try (ResultSet rs = st.executeQuery()) {
                    exists = rs.next();
                }
            }
            String sql = exists
                    ? "UPDATE station SET version = ?, revision = ?, registration = ?, created_at = ?, updated_at = ? WHERE id = ?"
                    : "INSERT INTO station (version, revision, registration, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?)";
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setLong(1, station.version());
                st.setLong(2, station.revision());
                st.setString(3, ContractJson.write(station.registration()));
                st.setTimestamp(4, Jdbc.timestamp(station.createdAt()));
                st.setTimestamp(5, Jdbc.timestamp(station.updatedAt()));
                st.setString(6, station.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM bay_state WHERE station_id = ?")) {
                st.setString(1, station.id());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO bay_state (station_id, bay_id, position, pack_type, "
                    + "pack_present, soc, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (BayState bay : station.bays()) {
                    st.setString(1, station.id());
                    st.setString(2, bay.bayId());
                    st.setInt(3, position++);
                    st.setString(4, bay.packType());
                    st.setBoolean(5, bay.packPresent());
                    setDouble(st, 6, bay.socFraction());
                    st.setTimestamp(7, Jdbc.timestamp(station.updatedAt()));
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /**
     * Moves the station to a new revision (its plans from older ones are stale), inside the caller's transaction that
     * stores what changed it.
     */
    public static void setRevision(Connection c, String stationId, long revision, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SET_REVISION)) {
            st.setLong(1, revision);
            st.setTimestamp(2, Jdbc.timestamp(at));
            st.setString(3, stationId);
            st.executeUpdate();
        }
    }

    /** An event to store with its effect: the station's revision it makes and the bay's state after it. */
    public record NewEvent(String stationId, long revision, BatteryEvent event, BayState bay) {
    }

    /**
     * Records events and their effects in one transaction (group commit: one commit for them all): each bay's new
     * state and each station's newest revision. The events of a station must come in order; their ids ascend in the
     * order given. Called by one thread at a time (the events' writer): it runs on a connection that thread keeps
     * ({@link Jdbc#held}), not one taken from the pool each time.
     *
     * <p>On PostgreSQL the whole batch is one statement ({@link #RECORD_EVENTS}: the events inserted from arrays, the
     * bays and stations updated from arrays, in one statement with data-modifying {@code WITH} clauses) executed in
     * auto-commit: one round trip to the server is the statement and its commit (its {@code fsync}), however many
     * events the batch holds. Elsewhere (H2, in the same process: a round trip costs nothing) a multi-row insert and
     * JDBC batches in one transaction.
     *
     * @return the stored events, in the same order
     */
    public List<StoredEvent> recordEvents(List<NewEvent> events, Instant receivedAt) {
        if (events.isEmpty()) {
            return List.of();
        }
        // a bay's last state in the batch is the one that stays; a station's highest revision
        Map<List<String>, BayState> bays = new LinkedHashMap<>();
        Map<String, Long> revisions = new LinkedHashMap<>();
        for (NewEvent e : events) {
            revisions.merge(e.stationId(), e.revision(), Math::max);
            bays.put(List.of(e.stationId(), e.bay().bayId()), e.bay());
        }
        synchronized (writerLock) {
            if (postgres == null) {
                postgres = writer.inTransaction(c -> "PostgreSQL".equals(c.getMetaData().getDatabaseProductName()));
            }
            if (postgres) {
                return writer.autoCommitted(c -> recordInOneStatement(c, events, bays, revisions, receivedAt));
            }
            return writer.inTransaction(c -> {
                List<StoredEvent> stored = new ArrayList<>(events.size());
                for (int from = 0; from < events.size(); from += MAX_ROWS_PER_INSERT) {
                    stored.addAll(insertEvents(c, events.subList(from, Math.min(events.size(),
                            from + MAX_ROWS_PER_INSERT)), receivedAt));
                }
                try (PreparedStatement update = c.prepareStatement("UPDATE bay_state SET pack_present = ?, soc = ?, "
                        + "updated_at = ? WHERE station_id = ? AND bay_id = ?")) {
                    for (Map.Entry<List<String>, BayState> bay : bays.entrySet()) {
                        update.setBoolean(1, bay.getValue().packPresent());
                        setDouble(update, 2, bay.getValue().socFraction());
                        update.setTimestamp(3, Jdbc.timestamp(receivedAt));
                        update.setString(4, bay.getKey().get(0));
                        update.setString(5, bay.getKey().get(1));
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                try (PreparedStatement update = c.prepareStatement(SET_REVISION)) {
                    for (Map.Entry<String, Long> station : revisions.entrySet()) {
                        update.setLong(1, station.getValue());
                        update.setTimestamp(2, Jdbc.timestamp(receivedAt));
                        update.setString(3, station.getKey());
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                return stored;
            });
        }
    }

    /** Gives the events' writer connection back to the pool (the service stops). */
    public void close() {
        synchronized (writerLock) {
            writer.close();
        }
    }

    /**
     * PostgreSQL: a batch of events in one statement. The events come as arrays (one per column; the statement's text
     * is the same for every batch, so the driver prepares it once on the connection) and are inserted in the arrays'
     * order ({@code ORDER BY} the ordinality: the identity column numbers them in that order); each bay's last state
     * and each station's newest revision are updated from arrays of their own in the same statement. The statement
     * hands back each event's id with its station and revision, which name it uniquely (each event of a station
     * makes the next revision), so the ids are matched by that key, not by the order the rows come back in. The
     * bays and stations it updates exist: only this writer changes them (registrations run on its thread too).
     */
    static final String RECORD_EVENTS = """
            WITH input AS (
                SELECT * FROM unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::float8[], ?::varchar[])
                    WITH ORDINALITY AS e(station_id, revision, kind, bay_id, soc, occurred_at, rank)
            ), inserted AS (
                INSERT INTO battery_event (station_id, revision, kind, bay_id, soc, occurred_at, received_at)
                SELECT station_id, revision, kind, bay_id, soc, occurred_at::timestamptz, ?::varchar::timestamptz
                FROM input ORDER BY rank
                RETURNING id, station_id, revision
            ), bays AS (
                UPDATE bay_state b SET pack_present = u.pack_present, soc = u.soc, updated_at = ?::varchar::timestamptz
                FROM unnest(?::varchar[], ?::varchar[], ?::boolean[], ?::float8[])
                    AS u(station_id, bay_id, pack_present, soc)
                WHERE b.station_id = u.station_id AND b.bay_id = u.bay_id
                RETURNING 1
            ), stations AS (
                UPDATE station s SET revision = u.revision, updated_at = ?::varchar::timestamptz
                FROM unnest(?::varchar[], ?::bigint[]) AS u(id, revision)
                WHERE s.id = u.id
                RETURNING 1
            )
            SELECT id, station_id, revision FROM inserted
            """;

    private static List<StoredEvent> recordInOneStatement(Connection c, List<NewEvent> events,
                                                          Map<List<String>, BayState> bays, Map<String, Long> revisions,
                                                          Instant receivedAt) throws SQLException {
        int n = events.size();
        String[] stationIds = new String[n];
        Long[] eventRevisions = new Long[n];
        String[] kinds = new String[n];
        String[] bayIds = new String[n];
        Double[] socs = new Double[n];
        String[] occurred = new String[n];
        for (int i = 0; i < n; i++) {
            NewEvent e = events.get(i);
            stationIds[i] = e.stationId();
            eventRevisions[i] = e.revision();
            kinds[i] = e.event().kind().name();
            bayIds[i] = e.event().bayId();
            socs[i] = e.event().socFraction();
            occurred[i] = e.event().occurredAt().toString();
        }
        String[] bayStations = new String[bays.size()];
        String[] bayBays = new String[bays.size()];
        Boolean[] present = new Boolean[bays.size()];
        Double[] bayStateSocs = new Double[bays.size()];
        int b = 0;
        for (Map.Entry<List<String>, BayState> bay : bays.entrySet()) {
            bayStations[b] = bay.getKey().get(0);
            bayBays[b] = bay.getKey().get(1);
            present[b] = bay.getValue().packPresent();
            bayStateSocs[b++] = bay.getValue().socFraction();
        }
        String at = receivedAt.toString();
        Map<String, Long> ids = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(RECORD_EVENTS)) {
            int p = 0;
            st.setArray(++p, c.createArrayOf("varchar", stationIds));
            st.setArray(++p, c.createArrayOf("bigint", eventRevisions));
            st.setArray(++p, c.createArrayOf("varchar", kinds));
            st.setArray(++p, c.createArrayOf("varchar", bayIds));
            st.setArray(++p, c.createArrayOf("float8", socs));
            st.setArray(++p, c.createArrayOf("varchar", occurred));
            st.setString(++p, at);
            st.setString(++p, at);
            st.setArray(++p, c.createArrayOf("varchar", bayStations));
            st.setArray(++p, c.createArrayOf("varchar", bayBays));
            st.setArray(++p, c.createArrayOf("boolean", present));
            st.setArray(++p, c.createArrayOf("float8", bayStateSocs));
            st.setString(++p, at);
            st.setArray(++p, c.createArrayOf("varchar", revisions.keySet().toArray(String[]::new)));
            st.setArray(++p, c.createArrayOf("bigint", revisions.values().toArray(Long[]::new)));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2) + "\n" + rs.getLong(3), rs.getLong(1));
                }
            }
        }
        return matchIds(events, ids, receivedAt);
    }

    /**
     * Each event with the id the database gave it, by its station and revision.
     *
     * @throws IllegalStateException when an event has no id (nothing should be answered as stored then; the
     *                               statement committed, so this is a fault of the service, reported loudly)
     */
    static List<StoredEvent> matchIds(List<NewEvent> events, Map<String, Long> ids, Instant receivedAt) {
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            Long id = ids.get(e.stationId() + "\n" + e.revision());
            if (id == null) {
                throw new IllegalStateException(events.size() + " events written, " + ids.size() + " ids handed "
                        + "back: none for station " + e.stationId() + " revision " + e.revision());
            }
            stored.add(new StoredEvent(id, e.stationId(), e.revision(), e.event(), receivedAt));
        }
        return stored;
    }

    /**
     * The events as one multi-row insert (H2), with the ids the database gave them.
     */
    private static List<StoredEvent> insertEvents(Connection c, List<NewEvent> events, Instant receivedAt)
            throws SQLException {
        List<StoredEvent> stored = new ArrayList<>(events.size());
        // one multi-row INSERT for the batch's events, their ids handed back
        StringBuilder sql = new StringBuilder("INSERT INTO battery_event (station_id, revision, kind, bay_id, soc, "
                + "occurred_at, received_at) VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
        }
        List<Long> ids = new ArrayList<>(events.size());
        try (PreparedStatement insert = c.prepareStatement(sql.toString(), new String[]{"id"})) {
            int p = 0;
            for (NewEvent e : events) {
                insert.setString(++p, e.stationId());
                insert.setLong(++p, e.revision());
                insert.setString(++p, e.event().kind().name());
                insert.setString(++p, e.event().bayId());
                setDouble(insert, ++p, e.event().socFraction());
                insert.setTimestamp(++p, Jdbc.timestamp(e.event().occurredAt()));
                insert.setTimestamp(++p, Jdbc.timestamp(receivedAt));
            }
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
        }
        if (ids.size() != events.size()) {
            // rolled back by the caller: no event of the batch is answered as stored
            throw new SQLException(events.size() + " events inserted, " + ids.size() + " ids handed back");
        }
        // the identity column numbers the rows in the order of the VALUES list; the ids may
        // come back in another order, so they are matched by rank
        ids.sort(Long::compare);
        for (int i = 0; i < events.size(); i++) {
            NewEvent e = events.get(i);
            stored.add(new StoredEvent(ids.get(i), e.stationId(), e.revision(), e.event(), receivedAt));
        }
        return stored;
    }

    /** The station's events, oldest first, at most {@code limit} of the newest. */
    public List<StoredEvent> events(String stationId, int limit) {
        return jdbc.inTransaction(c -> {
            List<StoredEvent> events = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, revision, kind, bay_id, soc, occurred_at, received_at "
                    + "FROM battery_event WHERE station_id = ? ORDER BY id DESC")) {
                st.setString(1, stationId);
                st.setMaxRows(limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        BatteryEvent event = new BatteryEvent(BatteryEvent.Kind.valueOf(rs.getString(3)), rs.getString(4),
                                getDouble(rs, 5), Jdbc.instant(rs.getTimestamp(6)));
                        events.add(0, new StoredEvent(rs.getLong(1), stationId, rs.getLong(2), event,
                                Jdbc.instant(rs.getTimestamp(7))));
                    }
                }
            }
            return events;
        });
    }

    private static Optional<Station> find(Connection c, String id) throws SQLException {
        long version;
        long revision;
        Problem registration;
        Instant created;
        Instant updated;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT version, revision, registration, created_at, updated_at FROM station WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                version = rs.getLong(1);
                revision = rs.getLong(2);
                registration = ContractJson.readProblem(rs.getString(3));
                created = Jdbc.instant(rs.getTimestamp(4));
                updated = Jdbc.instant(rs.getTimestamp(5));
            }
        }
        List<BayState> bays = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT bay_id, pack_type, pack_present, soc FROM bay_state "
                + "WHERE station_id = ? ORDER BY position")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    bays.add(new BayState(rs.getString(1), rs.getString(2), rs.getBoolean(3), getDouble(rs, 4)));
                }
            }
        }
        return Optional.of(new Station(id, version, revision, registration, bays, created, updated));
    }

    private static void setDouble(PreparedStatement st, int index, Double value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.DOUBLE);
        } else {
            st.setDouble(index, value);
        }
    }

    private static Double getDouble(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? null : value;
    }
}
