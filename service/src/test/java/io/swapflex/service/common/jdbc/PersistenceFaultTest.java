package io.swapflex.service.common.jdbc;

import io.swapflex.service.common.jdbc.Jdbc.PersistenceException.Kind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How database failures are told apart: the answer a client gets (507, 503, 500) depends on it. */
class PersistenceFaultTest {

    @Test
    void aFullDiskAnywhereInTheCausesIsStorageFull() {
        // H2 writing its file: General error wrapping MVStoreException wrapping the I/O error.
        SQLException h2 = new SQLException("General error: \"org.h2.mvstore.MVStoreException: Writing to "
                + "sun.nio.ch.FileChannelImpl@1 failed; length 12288 at 2383872\"", "HY000", 50000,
                new IllegalStateException("Writing failed", new IOException("No space left on device")));
        assertEquals(Kind.STORAGE_FULL, Jdbc.PersistenceException.classify(h2));
        assertEquals(Kind.STORAGE_FULL, Jdbc.PersistenceException.classify(
                new SQLException("could not extend file: No space left on device", "53100")));
        // The rollback after the failed commit finds the database closed: the full disk is still the cause told.
        SQLException closed = new SQLException("The database has been closed", "90098", 90098);
        h2.addSuppressed(closed);
        assertEquals(Kind.STORAGE_FULL, Jdbc.PersistenceException.classify(h2));
    }

    @Test
    void aDatabaseThatCannotBeReachedIsUnavailable() {
        assertEquals(Kind.UNAVAILABLE, Jdbc.PersistenceException.classify(
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001")));
        assertEquals(Kind.UNAVAILABLE, Jdbc.PersistenceException.classify(
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertEquals(Kind.UNAVAILABLE, Jdbc.PersistenceException.classify(
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertEquals(Kind.UNAVAILABLE, Jdbc.PersistenceException.classify(
                new SQLException("The database has been closed [90098-240]", "90098", 90098)));
        assertEquals(Kind.UNAVAILABLE, Jdbc.PersistenceException.classify(
                new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void anythingElseIsTheServicesOwnFault() {
        assertEquals(Kind.OTHER, Jdbc.PersistenceException.classify(
                new SQLException("Unique index or primary key violation", "23505", 23505)));
        assertEquals(Kind.OTHER, Jdbc.PersistenceException.classify(
                new SQLException("Table \"NOPE\" not found", "42S02", 42102)));
    }

    @Test
    void aFailedStatementRollsTheWholeTransactionBack() {
        DataSource ds = TestDatabase.memory("fault-" + UUID.randomUUID());
        Jdbc jdbc = new Jdbc(ds);
        Jdbc.PersistenceException e = assertThrows(Jdbc.PersistenceException.class, () -> jdbc.inTransaction(c -> {
            c.createStatement().executeUpdate("INSERT INTO station (id, version, revision, registration, created_at, "
                    + "updated_at) VALUES ('s', 1, 1, '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            c.createStatement().executeUpdate("INSERT INTO nope VALUES (1)");
            return null;
        }));
        assertEquals(Kind.OTHER, e.kind());
        int stations = jdbc.inTransaction(c -> {
            var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM station");
            rs.next();
            return rs.getInt(1);
        });
        assertEquals(0, stations, "the first insert was rolled back with the failed one");
    }
}
