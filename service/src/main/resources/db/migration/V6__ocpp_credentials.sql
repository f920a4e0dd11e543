-- SwapFlex service schema, version 6: OCPP security profiles 1 and 2 (HTTP Basic on the OCPP-J upgrade). Portable SQL
-- (H2 and PostgreSQL). password_hash: the station's BasicAuthPassword as a salted PBKDF2 hash
-- (pbkdf2-sha256$iterations$salt$hash, Base64), never the password itself.
CREATE TABLE ocpp_credential (
    station_id       VARCHAR(200)             NOT NULL PRIMARY KEY REFERENCES station (id),
    password_hash    VARCHAR(300)             NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by       VARCHAR(200)             NOT NULL
);
