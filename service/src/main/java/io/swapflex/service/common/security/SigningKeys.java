package io.swapflex.service.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The installation's own RSA key pair for bearer tokens, in {@code <data-dir>/keys/}: {@code privateKey.pem}
 * (PKCS#8) and {@code publicKey.pem} (X.509 SubjectPublicKeyInfo), made on first use and reused after. Where the file
 * system has POSIX permissions the directory is {@code rwx------} and the files {@code rw-------} from the moment they
 * exist (created so, not changed afterwards). No key pair is shipped with the code: each installation's is its own,
 * so a token signed with another installation's key (or the one the repository once held) does not verify here.
 *
 * <p>The service and {@code swapflex token} may start at once on a fresh data directory: the pair is written into a
 * directory of its own and renamed into place in one step, and the one that loses the rename reads the winner's.
 */
public final class SigningKeys {

    /** The directory under the data directory. */
    public static final String DIRECTORY = "keys";
    private static final int RSA_BITS = 2048;
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    private SigningKeys(Path dir) {
        this.dir = dir;
    }

    /** The key pair of the data directory (not made yet: see {@link #ensure()}). */
    public static SigningKeys of(Path dataDir) {
        return new SigningKeys(dataDir.resolve(DIRECTORY));
    }

    public Path directory() {
        return dir;
    }

    public Path publicKey() {
        return dir.resolve("publicKey.pem");
    }

    public Path privateKey() {
        return dir.resolve("privateKey.pem");
    }

    /**
     * Makes the key pair when the data directory has none yet.
     *
     * @return true when it was made now, false when it was there
     * @throws IllegalStateException when it cannot be written or read (the message names the path)
     */
    public boolean ensure() {
        if (Files.isRegularFile(privateKey()) && Files.isRegularFile(publicKey())) {
            return false;
        }
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Path fresh = Files.createTempDirectory(dir.toAbsolutePath().getParent(), ".keys-", ownerOnly(OWNER_DIR));
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(RSA_BITS);
                KeyPair pair = generator.generateKeyPair();
                write(fresh.resolve(privateKey().getFileName()), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                write(fresh.resolve(publicKey().getFileName()), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                try {
                    Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
                    return true;
                } catch (IOException lost) {
                    // Another start renamed its pair into place first (Linux reports "Directory not empty" as a
                    // plain FileSystemException): use that one.
                    if (Files.isRegularFile(privateKey()) && Files.isRegularFile(publicKey())) {
                        return false;
                    }
                    throw lost;
                }
            } finally {
                deleteTree(fresh);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the token signing key pair in " + dir + ": " + e, e);
        }
    }

    /** The private key, made first when there is none. */
    public PrivateKey readPrivateKey() {
        ensure();
        try {
            String text = Files.readString(privateKey(), StandardCharsets.US_ASCII);
            String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the token signing key " + privateKey() + ": " + e, e);
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String content) throws IOException {
        Files.createFile(file, ownerOnly(OWNER_FILE));
        if (!posix(file)) {
            // No POSIX permissions (Windows): owner-only read and write through the portable API, as far as it goes.
            java.io.File f = file.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
