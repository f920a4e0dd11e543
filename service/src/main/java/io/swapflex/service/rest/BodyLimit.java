package io.swapflex.service.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.swapflex.service.common.rest.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * A request whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} is answered 413
 * application/problem+json before its body is read. Quarkus's own check (a route of order -2) answers such a request
 * with an empty 413; this route runs just before it, so the answer says what the limit is, like every other error.
 */
@ApplicationScoped
public class BodyLimit {

    /** Just before Quarkus's upload limit (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2). */
    static final int ORDER = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long max = maxBodySize.get().asLongValue();
        router.route().order(ORDER).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1; // the HTTP codec refuses a malformed length itself
            }
            if (declared <= max) {
                context.next();
                return;
            }
            ApiError error = ApiError.of(413, "Content Too Large", "the body has " + declared + " bytes, at most "
                    + max + " allowed (quarkus.http.limits.max-body-size)");
            // The unread body is not drained: the connection is closed after the answer.
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, ApiError.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close").end(ErrorMappers.json(error));
        });
    }
}
