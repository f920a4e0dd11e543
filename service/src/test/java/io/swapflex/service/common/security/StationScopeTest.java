package io.swapflex.service.common.security;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StationScopeTest {

    @Test
    void fleetRolesReachEveryStation() {
        for (String role : new String[]{Roles.ADMIN, Roles.OPERATOR, Roles.ANALYST}) {
            assertTrue(StationScope.allows(Set.of(role), null, "any"), role);
        }
    }

    @Test
    void aStationTokenReachesOnlyTheStationItNames() {
        assertTrue(StationScope.allows(Set.of(Roles.STATION), "s1", "s1"));
        assertFalse(StationScope.allows(Set.of(Roles.STATION), "s1", "s2"));
        assertFalse(StationScope.allows(Set.of(Roles.STATION), null, "s1"), "a station token without its station");
        assertFalse(StationScope.allows(Set.of(), "s1", "s1"), "no role at all");
    }
}
