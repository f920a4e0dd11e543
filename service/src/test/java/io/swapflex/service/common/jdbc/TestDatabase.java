package io.swapflex.service.common.jdbc;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import javax.sql.DataSource;

/** An H2 database migrated with the service's own Flyway scripts, for tests without a container. */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** A file database under dir: a second call with the same dir opens the same data (a restart). */
    public static DataSource file(Path dir) {
        return migrated("jdbc:h2:file:" + dir.resolve("swapflex").toAbsolutePath());
    }

    /** A fresh in-memory database kept until the JVM ends. */
    public static DataSource memory(String name) {
        return migrated("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    /**
     * A PostgreSQL database emptied and migrated afresh, from a JDBC URL with user and password in it
     * ({@code jdbc:postgresql://127.0.0.1:5432/swapflex?user=postgres&password=...}).
     */
    public static DataSource postgresFresh(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        Flyway flyway = Flyway.configure().dataSource(ds).cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        return ds;
    }

    /** The same PostgreSQL database, opened again (migrations already applied are skipped). */
    public static DataSource postgres(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        Flyway.configure().dataSource(ds).load().migrate();
        return ds;
    }

    private static DataSource migrated(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("swapflex");
        ds.setPassword("swapflex");
        Flyway.configure().dataSource(ds).load().migrate();
        return ds;
    }
}
