package io.swapflex.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The service's own settings ({@code swapflex.*} in application.properties). */
@ConfigMapping(prefix = "swapflex")
public interface ServiceConfig {

    /** The directory of the embedded database and other files the service keeps. */
    @WithDefault("./data")
    String dataDir();

    Planning planning();

    Examples examples();

    Flexibility flexibility();

    Events events();

    WhatIf whatif();

    Fleet fleet();

    Cluster cluster();

    OpenAdr openadr();

    /** OpenADR 3: the service as a VEN of the grid operator's VTN (docs/ocpp-openadr.md). */
    interface OpenAdr {
        Vtn vtn();

        /** The VTN; without {@code url} the service is no VEN (events can still be POSTed to it). */
        interface Vtn {
            /** The VTN's base URL, e.g. https://vtn.example/openadr3/3.0.1 ({@code /auth/token}, {@code /events}... below it). */
            Optional<java.net.URI> url();

            /** The VEN's OAuth 2.0 client credentials at the VTN ({@code POST /auth/token}). */
            Optional<String> clientId();

            Optional<String> clientSecret();

            /** The VEN's name at the VTN: {@code clientName} of its reports and subscriptions. */
            @WithDefault("swapflex")
            String venName();

            /** The program names to follow; unset: every program the VTN lists. */
            Optional<java.util.Set<String>> programs();

            /** Time between polls of the VTN. */
            @WithDefault("60s")
            Duration pollInterval();

            /** The wait after a failed poll, doubled after each further one up to {@code max-retry}. */
            @WithDefault("5s")
            Duration firstRetry();

            @WithDefault("10m")
            Duration maxRetry();

            /** Connect and answer timeout of each call to the VTN. */
            @WithDefault("10s")
            Duration timeout();

            /**
             * This service's callback URL as the VTN reaches it ({@code https://swapflex.example/api/v1/openadr3/ven/notifications}):
             * set, the VEN subscribes to each program's events and a notification brings the next poll forward.
             */
            Optional<java.net.URI> callbackUrl();
        }
    }

    /**
     * A Hazelcast cluster the instance joins as a member (absent {@code members}: none). Then its fleet jobs are
     * planned deterministically (the time limit a work budget on one core, see {@code FleetPlanner.deterministic})
     * with their station solves spread over every member, this one included.
     */
    interface Cluster {
        /** The members' addresses ({@code host:port}, this instance's included or not). */
        Optional<java.util.List<String>> members();

        /** This member's address ({@code host:port}, an IP address the other members reach). */
        Optional<String> bind();

        /** Only members with this name join each other. */
        @WithDefault("swapflex")
        String name();

        /** Station solves at once on this member; 0 for every core. */
        @WithDefault("0")
        int threads();

        /** The seed of the station solves (the same on every member, so the plans do not depend on where). */
        @WithDefault("1")
        long seed();
    }

    /**
     * The size limits ({@code swapflex.limits.max-bays=2000}, ...): names and defaults are
     * {@link io.swapflex.optimizer.contract.ProblemLimits}'s; {@link Limits} puts them in force at start.
     */
    java.util.Map<String, String> limits();

    interface Fleet {
        /** Stations planned at once within a fleet job; 0 for every core. */
        @WithDefault("0")
        int threads();

        /** Most stations in one fleet job. */
        @WithDefault("2000")
        int maxStations();

        /** Most fleet jobs waiting at once; more are answered 429 until some have run. */
        @WithDefault("10")
        int maxQueued();

        /** A job's time limit when it names none. */
        @WithDefault("60s")
        Duration timeLimit();

        /** The longest time limit a job may ask for. */
        @WithDefault("600s")
        Duration maxTimeLimit();
    }

    /**
     * Battery events' group commit: many events a transaction, each answered once its transaction committed; beyond
     * {@code max-queued} waiting, new ones are refused (429 with Retry-After).
     */
    interface Events {
        /** Most events waiting to be stored; one more is answered 429. */
        @WithDefault("2000")
        int maxQueued();

        /** Most events in one transaction. */
        @WithDefault("500")
        int maxBatch();

        /** The Retry-After of a 429, in seconds. */
        @WithDefault("1")
        int retryAfterSeconds();
    }

    interface Flexibility {
        /**
         * Bisection steps below a window's physical bound (the bracket is then at most bound / 2^steps wide; every probe
         * also proves what it reaches).
         */
        @WithDefault("3")
        int steps();

        /** Compute every committed plan's flexibility in the background, so a GET answers from the cache. */
        @WithDefault("true")
        boolean precompute();

        /**
         * How many steps (Linux nice values) below the request threads the background flexibility computations run;
         * see {@link BackgroundThreads}.
         */
        @WithDefault("15")
        int nice();
    }

    /** The PostgreSQL database, used under the {@code postgresql} profile (application.properties). */
    Postgresql postgresql();

    interface Planning {
        /** A scheduler name, or "default" for the engine's default scheduler. */
        @WithDefault("default")
        String solver();

        @WithDefault("10s")
        Duration timeLimit();

        @WithDefault("0.001")
        double gapTarget();

        /** How long after a battery event the re-plan starts; events within it share one solve. */
        @WithDefault("2s")
        Duration debounce();

        /** Solver threads shared by all stations (one solve at a time per station). */
        @WithDefault("2")
        int threads();

        /** How often every station is re-planned as time moves on (its horizon rolls to the current slot); 0 = never. */
        @WithDefault("15m")
        Duration refreshEvery();

        /** The most time a direct solve may ask for. */
        @WithDefault("60s")
        Duration maxSolveTimeLimit();

        /**
         * How long past its time limit a solve may run before the watchdog gives up on it: nothing is committed, the
         * last plan stays in service (stale, its age growing) and the re-plan is tried again later.
         */
        @WithDefault("5s")
        Duration solveGrace();

        /**
         * How many steps (Linux nice values) below the request threads the re-plans run (0: the same priority), so
         * controllers' schedule pulls and events are answered first; see {@link BackgroundThreads}.
         */
        @WithDefault("10")
        int nice();
    }

    interface Postgresql {
        /** jdbc:postgresql://host:5432/database (SWAPFLEX_POSTGRESQL_URL); required under the profile. */
        Optional<String> url();

        @WithDefault("swapflex")
        String username();

        Optional<String> password();
    }

    interface Examples {
        /** Register the example stations when the database has no station. */
        @WithDefault("true")
        boolean load();
    }

    interface WhatIf {
        /** Solver threads of what-if jobs (one job, one solve, per thread), apart from the stations' re-plans. */
        @WithDefault("1")
        int threads();

        /** Most scenarios of one job, the base not counted. */
        @WithDefault("20")
        int maxScenarios();

        /** Most jobs waiting at once; more are answered 429 until some have run. */
        @WithDefault("20")
        int maxQueued();
    }
}
