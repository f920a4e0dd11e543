package io.swapflex.service.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

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

    /** Runs the work in a transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }

    /** A database failure: a server-side error, never the client's. */
    public static final class PersistenceException extends RuntimeException {
        PersistenceException(SQLException cause) {
            super("database: " + cause.getMessage(), cause);
        }
    }
}
