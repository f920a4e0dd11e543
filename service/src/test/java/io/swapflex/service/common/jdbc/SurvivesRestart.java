package io.swapflex.service.common.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A test of what survives a restart, run twice: on an H2 file database, and on a real PostgreSQL when one is given
 * ({@code SWAPFLEX_TEST_POSTGRES_URL=jdbc:postgresql://host:port/db?user=...}; {@code .ci/with-postgres} starts one and
 * exports it, {@code .ci/run} refuses the skip). The test class implements {@link #acrossARestart}: the first instance
 * opens {@code first}, the second opens {@code again}, the same database.
 */
public interface SurvivesRestart {

    void acrossARestart(Supplier<DataSource> first, Supplier<DataSource> again) throws Exception;

    @Test
    default void onAnH2File(@TempDir Path dir) throws Exception {
        acrossARestart(() -> TestDatabase.file(dir), () -> TestDatabase.file(dir));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SWAPFLEX_TEST_POSTGRES_URL", matches = ".+", disabledReason = "no PostgreSQL "
            + "given: set SWAPFLEX_TEST_POSTGRES_URL=jdbc:postgresql://host:port/db?user=... (.ci/run starts one)")
    default void onPostgresql() throws Exception {
        String url = System.getenv("SWAPFLEX_TEST_POSTGRES_URL");
        acrossARestart(() -> TestDatabase.postgresFresh(url), () -> TestDatabase.postgres(url));
    }
}
