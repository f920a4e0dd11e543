package io.swapflex.service.rest;

import io.swapflex.service.common.rest.ApiError;
import io.swapflex.service.station.NotReadyException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMappersTest {

    @Test
    void validatorAndReaderMessagesSplitIntoPathAndMessage() {
        ApiError error = ApiError.validation(List.of("packTypes[1].minSoc must be < maxSoc (0.9 ≥ 0.5)",
                "bays[0]: unknown field 'x'", "nonsense"));
        assertEquals(400, error.status());
        assertEquals(new ApiError.FieldError("packTypes[1].minSoc", "must be < maxSoc (0.9 ≥ 0.5)"), error.errors().get(0));
        assertEquals(new ApiError.FieldError("bays[0]", "unknown field 'x'"), error.errors().get(1));
        assertEquals(new ApiError.FieldError("$", "nonsense"), error.errors().get(2));
    }

    @Test
    void aStationWithoutItsFirstPlanYetIs503WithRetryAfter() {
        Response response = new ErrorMappers().notReady(new NotReadyException("station s has no plan yet"));
        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals(ApiError.MEDIA_TYPE, response.getMediaType().toString());
        assertTrue(response.getEntity().toString().contains("\"status\":503"), response.getEntity().toString());
    }
}
