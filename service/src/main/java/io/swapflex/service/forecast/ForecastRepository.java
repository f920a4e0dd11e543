package io.swapflex.service.forecast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.VersionedRows;
import io.swapflex.service.station.StationRepository;

import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * Every forecast version of every station ({@code station_forecast} of {@code V3__whatif_forecasts.sql}; latest, find,
 * versions: {@link VersionedRows}).
 */
public final class ForecastRepository extends VersionedRows<StationForecast> {

    private static final String COLUMNS = "station_id, version, revision, source, created_at, created_by, body";
    private static final ObjectMapper JSON = ContractJson.mapper();

    public ForecastRepository(Jdbc jdbc) {
        super(jdbc, "station_forecast", COLUMNS, rs -> new StationForecast(rs.getString(1), rs.getLong(2),
                rs.getLong(3), rs.getString(4), Jdbc.instant(rs.getTimestamp(5)), rs.getString(6),
                read(rs.getString(7))));
    }

    /**
     * Stores the forecast as the station's next version and moves the station to {@code newRevision}, in one
     * transaction (its plan is stale from then on).
     */
    public StationForecast append(String stationId, long newRevision, String source, Instant createdAt,
                                  String createdBy, ForecastProfile profile) {
        return jdbc.inTransaction(c -> {
            long version = nextVersion(c, stationId);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO station_forecast (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, stationId);
                st.setLong(2, version);
                st.setLong(3, newRevision);
                st.setString(4, source);
                st.setTimestamp(5, Jdbc.timestamp(createdAt));
                st.setString(6, createdBy);
                st.setString(7, write(profile));
                st.executeUpdate();
            }
            StationRepository.setRevision(c, stationId, newRevision, createdAt);
            return new StationForecast(stationId, version, newRevision, source, createdAt, createdBy, profile);
        });
    }

    private static String write(ForecastProfile profile) {
        try {
            return JSON.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a forecast", e);
        }
    }

    private static ForecastProfile read(String json) {
        try {
            return JSON.readValue(json, ForecastProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored forecast cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
