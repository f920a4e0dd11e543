package io.swapflex.service.rest;

import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.rest.ApiError;
import io.swapflex.service.plan.SolveOverrunException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Faults of the machinery beneath the API — the database, the solver's deadline — as {@code application/problem+json}
 * that say what is wrong and whether to retry, instead of a bare 500: a full disk is 507 Insufficient Storage, a
 * database that cannot be reached (or is closed after a failed write) is 503 with Retry-After, a solve that overran
 * its deadline is 503 too. (Kept apart from {@link ErrorMappers}, which maps the client's faults.)
 */
public class FaultMappers {

    private static final Logger LOG = Logger.getLogger(FaultMappers.class);

    @ServerExceptionMapper
    public Response persistence(Jdbc.PersistenceException e) {
        return switch (e.kind()) {
            case STORAGE_FULL -> {
                LOG.error("the database cannot write: no space left on its device: " + e.getMessage());
                yield respond(ApiError.of(507, "Insufficient storage", "the database could not store this change: "
                        + "no space left on the device of its data directory. This change was not stored; what was "
                        + "acknowledged before is kept. Free space and retry."), null);
            }
            case UNAVAILABLE -> {
                LOG.warn("the database is unavailable: " + e.getMessage());
                // The database's own message (host, port, file) stays in the log: it is not the client's business.
                yield respond(ApiError.of(503, "Service unavailable", "the database is unavailable (it cannot be "
                        + "reached, or it closed after a failed write); retry later"), "5");
            }
            case OTHER -> {
                LOG.error("database error", e);
                yield respond(ApiError.of(500, "Internal error", "a database error occurred; see the service log"),
                        null);
            }
        };
    }

    @ServerExceptionMapper
    public Response overrun(SolveOverrunException e) {
        LOG.warn(e.getMessage());
        return respond(ApiError.of(503, "Service unavailable", e.getMessage()), "5");
    }

    private static Response respond(ApiError error, String retryAfter) {
        Response.ResponseBuilder response = Response.status(error.status()).type(ApiError.MEDIA_TYPE);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.entity(ErrorMappers.json(error)).build();
    }
}
