package io.swapflex.service.common.jdbc;

import java.io.EOFException;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
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
        } catch (SQLException e) {
            throw new PersistenceException(e);
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
