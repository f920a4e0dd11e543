package io.swapflex.service.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.JsonMappers;
import io.swapflex.service.common.jobs.BusyException;
import io.swapflex.service.common.rest.ApiError;
import io.swapflex.service.station.ConflictException;
import io.swapflex.service.station.NotFoundException;
import io.swapflex.service.station.NotReadyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as {@code application/problem+json}; bad input is a 4xx, never a 500. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final ObjectMapper MAPPER = JsonMappers.base().build();

    @ServerExceptionMapper
    public Response invalid(InvalidProblemException e) {
        return respond(ApiError.validation(e.errors()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(ApiError.of(404, "Not found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return respond(ApiError.of(409, "Conflict", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notReady(NotReadyException e) {
        ApiError error = ApiError.of(503, "Not ready", e.getMessage());
        return Response.status(503).type(ApiError.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, "5")
                .entity(json(error)).build();
    }

    /** Too many jobs of a kind waiting (what-if, fleet), or battery events waiting to be stored. */
    @ServerExceptionMapper
    public Response busy(BusyException e) {
        ApiError error = ApiError.of(429, "Too Many Requests", e.getMessage());
        return Response.status(429).type(ApiError.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds())).entity(json(error)).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank()
                ? "this token's role may not do this" : e.getMessage();
        return respond(ApiError.of(403, "Forbidden", detail));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return respond(ApiError.of(status, known == null ? "Error" : known.getReasonPhrase(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return respond(ApiError.of(500, "Internal error", "an unexpected error occurred; see the service log"));
    }

    /** Not a RuntimeException (an Error such as StackOverflowError, a checked exception): still problem+json. */
    @ServerExceptionMapper
    public Response failure(Throwable e) {
        if (e instanceof java.io.IOException) {
            // The request could not be read: almost always the client closing the connection mid-body.
            LOG.debugf("request not read: %s", e.getMessage());
            return respond(ApiError.of(400, "Bad Request", "the request could not be read: " + e.getMessage()));
        }
        LOG.error("unexpected failure", e);
        return respond(ApiError.of(500, "Internal error", "an unexpected error occurred; see the service log"));
    }

    private static Response unauthenticated() {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(ApiError.MEDIA_TYPE)
                .entity(json(ApiError.of(401, "Unauthorized", "a valid bearer token is required"))).build();
    }

    static Response respond(ApiError error) {
        return Response.status(error.status()).type(ApiError.MEDIA_TYPE).entity(json(error)).build();
    }

    /** Written here, so the body does not depend on which writers handle the problem+json media type. */
    static String json(ApiError error) {
        try {
            return MAPPER.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
