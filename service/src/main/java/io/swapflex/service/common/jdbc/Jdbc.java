package io.swapflex.service.common.jdbc;

import java.io.EOFException;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/** Plain JDBC with one transaction per unit of work: the repositories need nothing more. */
public final class Jdbc {

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs the work in a transaction: committed when it returns, rolled back when it throws. A failure of the rollback
     * itself (the connection is gone, the database closed after a failed write) is kept as a suppressed exception, so
     * the first cause (a full disk, a lost server) is the one reported.
     */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return transaction(connection, work);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /** The work in a transaction on the connection; see {@link #inTransaction}. */
    private static <T> T transaction(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException | RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // a broken connection: the pool validates it before it is handed out again
            }
        }
    }

    /**
     * A connection one thread keeps for its units of work (the battery events' writer), instead of taking one from
     * the pool for each: no pool hand-over, and no validation round trip per unit of work (the pool checks every
     * connection it hands out; on PostgreSQL that is one more round trip to the server). It is checked itself with a
     * query only when it was idle for {@code checkAfterIdle} or more (a database restarted meanwhile), and given back
     * to the pool at the first failure (the pool checks it before handing it out again, and drops it if broken), so
     * the next unit of work runs on a sound connection, as a pooled one would.
     */
    public Held held(Duration checkAfterIdle) {
        return new Held(checkAfterIdle);
    }

    /** See {@link #held}. Not thread-safe: one thread uses it at a time. */
    public final class Held implements AutoCloseable {
        private final long checkAfterIdleNanos;
        private Connection connection;
        private long lastUsed;

        private Held(Duration checkAfterIdle) {
            this.checkAfterIdleNanos = checkAfterIdle.toNanos();
        }

        /** The work in one transaction (committed when it returns, rolled back when it throws). */
        public <T> T inTransaction(Work<T> work) {
            return run(c -> transaction(c, work));
        }

        /**
         * The work with every statement committed on its own (auto-commit): for a unit of work that is one statement,
         * its execution is its commit (one round trip to PostgreSQL instead of the statement's and the commit's). The
         * driver returns from a statement once the server sent its "ready" after the commit, so a statement that
         * returned is durable.
         */
        public <T> T autoCommitted(Work<T> work) {
            return run(c -> {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                return work.run(c);
            });
        }

        private <T> T run(Work<T> work) {
            try {
                Connection c = connection();
                T result = work.run(c);
                lastUsed = System.nanoTime();
                return result;
            } catch (SQLException | RuntimeException e) {
                close(e);
                throw e instanceof SQLException sql ? new PersistenceException(sql) : (RuntimeException) e;
            }
        }

        private Connection connection() throws SQLException {
            if (connection != null && System.nanoTime() - lastUsed >= checkAfterIdleNanos) {
                // H2's Connection.isValid passes on a session whose database closed itself: a query does not
                try (Statement st = connection.createStatement()) {
                    st.execute("SELECT 1");
                } catch (SQLException e) {
                    close(e);
                }
            }
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            return connection;
        }

        private void close(Exception cause) {
            if (connection == null) {
                return;
            }
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                cause.addSuppressed(e);
            }
            connection = null;
        }

        /** Gives the connection back to the pool. */
        @Override
        public void close() {
            close(new IllegalStateException("closing"));
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }

    /** A database failure: a server-side error, never the client's. */
    public static final class PersistenceException extends RuntimeException {

        /** What kind of failure, for the answer a client gets (REST: 507, 503 or 500). */
        public enum Kind {
            /** The database's disk is full: nothing more can be written until space is freed. */
            STORAGE_FULL,
            /** The database cannot be reached or is closed (a server restarting, a lost connection, no connection). */
            UNAVAILABLE,
            /** Anything else: a fault of this service. */
            OTHER
        }

        private final Kind kind;

        PersistenceException(SQLException cause) {
            super("database: " + cause.getMessage(), cause);
            this.kind = classify(cause);
        }

        public Kind kind() {
            return kind;
        }

        /**
         * Reads the failure's causes: an I/O error "No space left on device" (H2 writing its file) or SQLSTATE 53100
         * (PostgreSQL's disk_full) is a full disk; SQLSTATE class 08 (connection exceptions), 57P01-57P03 (the server
         * shutting down or starting), H2's "database closed" / "connection broken" codes and the pool's acquisition
         * timeout mean the database is unavailable for now.
         */
        static Kind classify(Throwable failure) {
            boolean unavailable = false;
            for (Throwable t : chain(failure)) {
                String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("no space left on device") || message.contains("not enough space on the disk")) {
                    return Kind.STORAGE_FULL;
                }
                if (t instanceof SQLException sql) {
                    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                    if (state.equals("53100")) {
                        return Kind.STORAGE_FULL;
                    }
                    if (state.startsWith("08") || state.startsWith("57P") || H2_UNAVAILABLE.contains(sql.getErrorCode())
                            || message.contains("acquisition timeout")) {
                        unavailable = true;
                    }
                }
                if (t instanceof ConnectException || t instanceof EOFException
                        || message.contains("database has been closed") || message.contains("store is closed")) {
                    unavailable = true;
                }
            }
            return unavailable ? Kind.UNAVAILABLE : Kind.OTHER;
        }

        /** H2: database closed (90098), connection broken (90067), database called at shutdown (90121). */
        private static final Set<Integer> H2_UNAVAILABLE = Set.of(90098, 90067, 90121);

        /** The failure, its causes and the suppressed exceptions, each once. */
        private static List<Throwable> chain(Throwable failure) {
            List<Throwable> seen = new ArrayList<>();
            Deque<Throwable> todo = new ArrayDeque<>();
            todo.add(failure);
            while (!todo.isEmpty() && seen.size() < 50) {
                Throwable t = todo.poll();
                if (seen.stream().anyMatch(s -> s == t)) {
                    continue;
                }
                seen.add(t);
                if (t.getCause() != null) {
                    todo.add(t.getCause());
                }
                if (t instanceof SQLException sql && sql.getNextException() != null) {
                    todo.add(sql.getNextException());
                }
                todo.addAll(List.of(t.getSuppressed()));
            }
            return seen;
        }
    }
}
