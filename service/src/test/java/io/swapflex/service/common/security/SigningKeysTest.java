package io.swapflex.service.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The data directory's own key pair: made once, for its owner only, reused, and tokens verify with it alone. */
class SigningKeysTest {

    @Test
    void madeOnFirstUseForTheOwnerOnlyAndReusedAfter(@TempDir Path data) throws Exception {
        SigningKeys keys = SigningKeys.of(data);
        assertTrue(keys.ensure(), "made on first use");
        String privatePem = Files.readString(keys.privateKey());
        assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), privatePem);
        assertTrue(Files.readString(keys.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        if (Files.getFileStore(data).supportsFileAttributeView("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.directory())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKey())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.publicKey())));
        }
        assertFalse(SigningKeys.of(data).ensure(), "a second start finds it");
        assertEquals(privatePem, Files.readString(keys.privateKey()), "and keeps it");
        try (var left = Files.list(data)) {
            assertEquals(List.of(keys.directory()), left.toList(), "no temporary directory left behind");
        }
    }

    @Test
    void startsAtOnceAgreeOnOnePair(@TempDir Path data) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> made = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                made.add(pool.submit(() -> SigningKeys.of(data).ensure()));
            }
            int fresh = 0;
            for (Future<Boolean> f : made) {
                fresh += f.get() ? 1 : 0;
            }
            assertEquals(1, fresh, "exactly one made the pair");
        } finally {
            pool.shutdownNow();
        }
        String token = DevTokens.mint(data, "operator", null, Duration.ofMinutes(1));
        assertEquals("dev-operator", parser(data).parse(token).getName());
    }

    @Test
    void aTokenFromAnotherDataDirectoryDoesNotVerify(@TempDir Path one, @TempDir Path other) throws Exception {
        String foreign = DevTokens.mint(other, "admin", null, Duration.ofMinutes(1));
        assertThrows(ParseException.class, () -> parser(one).parse(foreign));
        assertEquals("dev-admin", parser(other).parse(foreign).getName());
    }

    @Test
    void anUnwritableDataDirectoryIsNamed(@TempDir Path data) throws Exception {
        Path file = Files.writeString(data.resolve("not-a-directory"), "x");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SigningKeys.of(file.resolve("data")).ensure());
        assertTrue(e.getMessage().contains("not-a-directory"), e.getMessage());
    }

    /** The verification the service runs: smallrye-jwt with the public key file and the default issuer. */
    private static DefaultJWTParser parser(Path data) {
        SigningKeys keys = SigningKeys.of(data);
        assumeTrue(Files.exists(keys.publicKey()) || keys.ensure());
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys.publicKey().toString(), DevTokens.ISSUER);
        return new DefaultJWTParser(info);
    }
}
