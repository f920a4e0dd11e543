package io.swapflex.service.common.jdbc;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events' writer's own connection ({@link Jdbc#held}): kept across units of work (no pool hand-over, no check per
 * unit), given back at the first failure so the next unit runs on another, and checked with a query only after it
 * was idle for the time given (never in between: under load a check would be one more round trip per batch).
 */
class HeldConnectionTest {

    /** Hands out connections of an in-memory H2 database and keeps each one it handed out. */
    private static final class Counting {
        final DataSource database = TestDatabase.memory("held-" + System.nanoTime());
        final List<Connection> handedOut = new ArrayList<>();
        final DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(database, args);
                    if (result instanceof Connection c) {
                        handedOut.add(c);
                    }
                    return result;
                });
    }

    @Test
    void oneConnectionServesEveryUnitOfWorkUntilOneFails() throws SQLException {
        Counting db = new Counting();
        Jdbc.Held held = new Jdbc(db.dataSource).held(Duration.ofHours(1));
        Connection first = held.inTransaction(c -> c);
        assertSame(first, held.autoCommitted(c -> c));
        assertSame(first, held.inTransaction(c -> c));
        assertEquals(1, db.handedOut.size(), "one connection for three units of work");

        assertThrows(Jdbc.PersistenceException.class, () -> held.inTransaction(c -> {
            throw new SQLException("a statement failed");
        }));
        assertTrue(first.isClosed(), "given back at the failure");
        Connection second = held.inTransaction(c -> c);
        assertEquals(2, db.handedOut.size(), "the next unit of work runs on another connection");
        assertTrue(!second.isClosed());
        held.close();
        assertTrue(second.isClosed(), "given back when closed");
    }

    @Test
    void autoCommittedStatementsAreCommittedWhenTheyReturn() throws SQLException {
        Counting db = new Counting();
        Jdbc.Held held = new Jdbc(db.dataSource).held(Duration.ofHours(1));
        held.autoCommitted(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE held_probe (n INT)");
                return st.executeUpdate("INSERT INTO held_probe VALUES (1)");
            }
        });
        try (Connection other = db.database.getConnection(); Statement st = other.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM held_probe")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "visible to another connection: committed");
        }
        held.close();
    }

    @Test
    void aConnectionIdleForTheGivenTimeIsCheckedFirstAndReplacedWhenBroken() throws SQLException {
        Counting db = new Counting();
        // checked before every unit of work: idle for zero seconds or more is always true
        Jdbc.Held checked = new Jdbc(db.dataSource).held(Duration.ZERO);
        Connection first = checked.inTransaction(c -> c);
        db.handedOut.get(0).close(); // broken behind the writer's back (a database restarted while it was idle)
        Connection second = checked.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1");
            }
            return c;
        });
        assertTrue(first != second, "the broken connection was replaced before the work ran");
        assertEquals(2, db.handedOut.size());
        checked.close();

        // never checked within the hour: the work itself meets the broken connection, fails, and gives it back
        Counting other = new Counting();
        Jdbc.Held unchecked = new Jdbc(other.dataSource).held(Duration.ofHours(1));
        unchecked.inTransaction(c -> c);
        other.handedOut.get(0).close();
        assertThrows(Jdbc.PersistenceException.class, () -> unchecked.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.execute("SELECT 1");
            }
        }));
        boolean ran = unchecked.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.execute("SELECT 1");
            }
        });
        assertTrue(ran, "the next unit of work on a new connection");
        assertEquals(2, other.handedOut.size());
        unchecked.close();
    }
}
