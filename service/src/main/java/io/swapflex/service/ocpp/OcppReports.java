package io.swapflex.service.ocpp;

import io.swapflex.service.common.jdbc.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What stations report over OCPP-J, in the tables of {@code V7__ocpp_reports.sql}: the data-carrying routine messages
 * as they came, and the energy registers of {@code MeterValues} one value a row.
 */
public final class OcppReports {

    /** An energy register reading. */
    public record MeterReading(int evseId, String measurand, String phase, String location, double value, String unit,
                               Instant sampledAt) {
    }

    /** A stored message. */
    public record Report(Instant receivedAt, String action, String payload) {
    }

    private final Jdbc jdbc;

    public OcppReports(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a message and the energy readings taken from it, in one transaction. */
    public void store(String stationId, String action, String payload, List<MeterReading> readings, Instant at) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO ocpp_report (station_id, received_at, action, payload) VALUES (?, ?, ?, ?)")) {
                st.setString(1, stationId);
                st.setTimestamp(2, Jdbc.timestamp(at));
                st.setString(3, action);
                st.setString(4, payload);
                st.executeUpdate();
            }
            if (!readings.isEmpty()) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO ocpp_meter_value (station_id, evse_id, "
                        + "measurand, phase, location, meter_value, unit, sampled_at, received_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (MeterReading r : readings) {
                        st.setString(1, stationId);
                        st.setInt(2, r.evseId());
                        st.setString(3, r.measurand());
                        st.setString(4, r.phase());
                        st.setString(5, r.location());
                        st.setDouble(6, r.value());
                        st.setString(7, r.unit());
                        st.setTimestamp(8, Jdbc.timestamp(r.sampledAt()));
                        st.setTimestamp(9, Jdbc.timestamp(at));
                        st.addBatch();
                    }
                    st.executeBatch();
                }
            }
            return null;
        });
    }

    /** The station's energy readings, oldest first. */
    public List<MeterReading> readings(String stationId) {
        return jdbc.inTransaction(c -> {
            List<MeterReading> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT evse_id, measurand, phase, location, meter_value, "
                    + "unit, sampled_at FROM ocpp_meter_value WHERE station_id = ? ORDER BY sampled_at, id")) {
                st.setString(1, stationId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MeterReading(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getDouble(5), rs.getString(6), Jdbc.instant(rs.getTimestamp(7))));
                    }
                }
            }
            return out;
        });
    }

    /** The station's stored messages of one action, oldest first. */
    public List<Report> reports(String stationId, String action) {
        return jdbc.inTransaction(c -> {
            List<Report> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT received_at, action, payload FROM ocpp_report "
                    + "WHERE station_id = ? AND action = ? ORDER BY id")) {
                st.setString(1, stationId);
                st.setString(2, action);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Report(Jdbc.instant(rs.getTimestamp(1)), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }
}
