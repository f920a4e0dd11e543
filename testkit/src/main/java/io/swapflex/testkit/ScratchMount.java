package io.swapflex.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs on a directory, seen only by the processes started in it: a holder process makes a user and mount
 * namespace ({@code unshare -rm}, root-free where the kernel allows unprivileged user namespaces; as root it works
 * anyway) and mounts the tmpfs there; a service started with {@link #prefix()} runs inside that namespace and sees it,
 * and the test reaches its files through {@code /proc/HOLDER/root}. The mount lives as long as the holder, so a
 * service killed and started again finds its files.
 */
public final class ScratchMount implements AutoCloseable {

    private final Process holder;
    private final Path dir;

    private ScratchMount(Process holder, Path dir) {
        this.holder = holder;
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs of {@code megabytes} on a new temporary directory.
     *
     * @return empty, with the reason on {@code why}, when this machine does not allow it
     */
    public static Optional<ScratchMount> mount(int megabytes, StringBuilder why) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("swapflex-full");
        Process holder = new ProcessBuilder("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o size=" + megabytes + "m tmpfs \"$0\" && echo mounted && exec sleep 3600",
                dir.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
        String line = out.readLine();
        if (!"mounted".equals(line)) {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(dir);
            why.append("cannot mount a small tmpfs in a user namespace (unshare -rm; mount -t tmpfs): ")
                    .append(line == null ? "no output" : line)
                    .append(" — user namespaces are not permitted here (kernel.unprivileged_userns_clone, a "
                            + "container's seccomp profile); run as root or where unshare -rm works");
            return Optional.empty();
        }
        return Optional.of(new ScratchMount(holder, dir));
    }

    /** The directory as the processes inside the namespace see it (the tmpfs). */
    public Path dir() {
        return dir;
    }

    /** The same directory as this process reaches it: through the holder's root. */
    public Path outside() {
        return Path.of("/proc/" + holder.pid() + "/root").resolve(dir.toString().substring(1));
    }

    /** Runs a command inside the namespace, with this process's credentials. */
    public List<String> prefix() {
        return List.of("nsenter", "-t", Long.toString(holder.pid()), "-U", "-m", "--preserve-credentials", "--");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        holder.destroyForcibly();
        holder.waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(dir);
    }
}
