package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Replanner;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.swapflex.service.rest.Api.asOperator;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The service as configured for PostgreSQL (the {@code postgresql} profile, as {@code QUARKUS_PROFILE=postgresql}
 * gives it) against a real server: it migrates the schema, serves, and what it stores is in PostgreSQL. Runs when
 * {@code SWAPFLEX_TEST_POSTGRES_URL} names a database (.ci/run starts one); works in its own schema, emptied first.
 */
@QuarkusTest
@TestProfile(PostgresqlServiceTest.OnPostgresql.class)
@EnabledIfEnvironmentVariable(named = PostgresqlServiceTest.URL_VARIABLE, matches = ".+",
        disabledReason = "no PostgreSQL given: set SWAPFLEX_TEST_POSTGRES_URL=jdbc:postgresql://host:port/db?user=... "
                + "(.ci/run starts one)")
class PostgresqlServiceTest {

    static final String URL_VARIABLE = "SWAPFLEX_TEST_POSTGRES_URL";
    private static final String SCHEMA = "service_test";

    /** The postgresql profile on top of the test one, pointed at the given database, in a schema of its own. */
    public static class OnPostgresql implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test,postgresql";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("swapflex.postgresql.url", url(),
                    "quarkus.flyway.\"postgresql\".schemas", SCHEMA,
                    "quarkus.flyway.\"postgresql\".clean-disabled", "false",
                    "quarkus.flyway.\"postgresql\".clean-at-start", "true");
        }
    }

    @Inject
    Replanner replanner;

    static String url() {
        String url = System.getenv().getOrDefault(URL_VARIABLE, "jdbc:postgresql://127.0.0.1/unset");
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }

    @Test
    void theServiceMigratesServesAndStoresInPostgresql() throws Exception {
        RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Database connections health check' }.data.postgresql", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.data.size()", equalTo(1));

        Problem demo = Api.freshDemo("pg");
        String id = demo.stationId();
        asOperator().contentType(ContentType.JSON).body(ContractJson.write(demo)).post("/api/v1/stations")
                .then().statusCode(201);
        Api.awaitPlanned(replanner, id);
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-02\"}")
                .post("/api/v1/stations/" + id + "/events").then().statusCode(202);
        Api.awaitPlanned(replanner, id);
        asOperator().get("/api/v1/stations/" + id + "/plan").then().statusCode(200)
                .body("version", equalTo(2)).body("plan.bays.id", hasItem("bay-01"));

        // What the API answered is what PostgreSQL holds (the embedded H2 datasource is inactive).
        assertEquals(List.of("1", "2"), column("SELECT version FROM plan WHERE station_id = ? ORDER BY version", id));
        assertEquals(List.of("PACK_OUT"), column("SELECT kind FROM battery_event WHERE station_id = ?", id));
        assertEquals(List.of("empty"), column("SELECT CASE WHEN pack_present THEN 'pack' ELSE 'empty' END FROM bay_state WHERE station_id = ? AND bay_id = 'bay-02'", id));
        assertEquals(List.of("5"), column("SELECT count(*) FROM station WHERE ? IS NOT NULL", id),
                "the four examples registered into the empty database at start, and this station");
    }

    private static List<String> column(String sql, String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
