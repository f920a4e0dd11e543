package io.swapflex.cli;

import io.swapflex.testkit.ServiceProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code swapflex serve [JVM_OPTION]...}: the packaged Quarkus service in the foreground. The {@code ./swapflex}
 * launcher runs the service's JVM itself (so signals reach it); this command does the same from the plain jar.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the service at http://127.0.0.1:8080: the example stations registered and planned on an "
                + "embedded H2 database under ./data (SWAPFLEX_DATA_DIR moves it).",
                "Extra arguments go to the service's JVM, e.g. -Dquarkus.http.port=9090, "
                        + "-Dquarkus.profile=postgresql (docs/operations.md, docs/api.md)."})
final class ServeCommand extends Edge {

    @Unmatched
    List<String> jvmOptions = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ServiceProcess.latencyGc(jvmOptions));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(ServiceProcess.packagedJar().toString());
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        String data = System.getenv("SWAPFLEX_DATA_DIR");
        builder.environment().put("SWAPFLEX_DATA_DIR",
                Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath().normalize().toString());
        Process service = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(service::destroy));
        return service.waitFor();
    }
}
