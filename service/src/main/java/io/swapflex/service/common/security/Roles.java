package io.swapflex.service.common.security;

import java.util.List;

/**
 * The roles a bearer token may carry (its {@code groups} claim). A {@code station} token also names its station in
 * the {@value #STATION_CLAIM} claim and may only touch that station.
 */
public final class Roles {

    /** Grid operator: dispatch, flexibility, every station's schedule; may register stations. */
    public static final String OPERATOR = "operator";
    /** A station's bank controller: its own registration updates, events and schedule. */
    public static final String STATION = "station";
    /** What-if studies and reading. */
    public static final String ANALYST = "analyst";
    /** Everything. */
    public static final String ADMIN = "admin";

    /** The token claim naming a station token's station. */
    public static final String STATION_CLAIM = "station";

    public static final List<String> ALL = List.of(OPERATOR, STATION, ANALYST, ADMIN);

    private Roles() {
    }
}
