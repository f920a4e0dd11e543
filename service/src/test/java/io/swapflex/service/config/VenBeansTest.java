package io.swapflex.service.config;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A VTN URL without the client credentials stops the start, naming what is missing. */
class VenBeansTest {

    @Test
    void aMissingClientIdOrSecretIsNamed() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> VenBeans.requireCredentials(Optional.empty(), Optional.of(" ")));
        assertEquals("swapflex.openadr.vtn.url is set, so the VEN needs swapflex.openadr.vtn.client-id and "
                + "swapflex.openadr.vtn.client-secret (the client credentials the VTN issued)", both.getMessage());
        IllegalArgumentException secret = assertThrows(IllegalArgumentException.class,
                () -> VenBeans.requireCredentials(Optional.of("ven-1"), Optional.empty()));
        assertEquals("swapflex.openadr.vtn.url is set, so the VEN needs swapflex.openadr.vtn.client-secret (the "
                + "client credentials the VTN issued)", secret.getMessage());
        assertDoesNotThrow(() -> VenBeans.requireCredentials(Optional.of("ven-1"), Optional.of("s3cret")));
    }
}
