package io.swapflex.service.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every endpoint of the service found by reflection over its JAX-RS resource classes ({@code @Path} classes under
 * {@code io.swapflex.service}, read from the compiled classes), as {@code METHOD /path}: the list the fuzzer and the
 * authorisation matrix are checked against, so that a new endpoint cannot be left out of either.
 */
final class ResourceMethods {

    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "GET", POST.class, "POST",
            PUT.class, "PUT", DELETE.class, "DELETE", PATCH.class, "PATCH", HEAD.class, "HEAD");

    private ResourceMethods() {
    }

    static Set<String> all() throws Exception {
        Set<String> out = new TreeSet<>();
        for (Class<?> type : resourceClasses()) {
            String root = type.getAnnotation(Path.class).value();
            for (Method m : type.getDeclaredMethods()) {
                for (Map.Entry<Class<? extends Annotation>, String> verb : VERBS.entrySet()) {
                    if (m.isAnnotationPresent(verb.getKey())) {
                        Path sub = m.getAnnotation(Path.class);
                        out.add(verb.getValue() + " " + join(root, sub == null ? "" : sub.value()));
                    }
                }
            }
        }
        return out;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static List<Class<?>> resourceClasses() throws Exception {
        URL url = ResourceMethods.class.getClassLoader().getResource("io/swapflex/service");
        List<Class<?>> out = new ArrayList<>();
        // The main classes' directory (not the test classes'): the resource classes of the service as built.
        File dir = new File(ResourceMethods.class.getClassLoader().getResource("io/swapflex/service/rest/ErrorMappers.class")
                .toURI()).getParentFile().getParentFile();
        walk(dir, "io.swapflex.service", out);
        if (out.isEmpty()) {
            throw new IllegalStateException("no JAX-RS resource class found under " + dir + " (" + url + ")");
        }
        return out;
    }

    private static void walk(File dir, String pkg, List<Class<?>> out) throws ClassNotFoundException {
        File[] files = dir.listFiles();
        if (files == null) {
            return;
        }
        for (File f : files) {
            if (f.isDirectory()) {
                walk(f, pkg + "." + f.getName(), out);
            } else if (f.getName().endsWith(".class") && !f.getName().contains("$")) {
                Class<?> type = Class.forName(pkg + "." + f.getName().replace(".class", ""), false,
                        ResourceMethods.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    out.add(type);
                }
            }
        }
    }
}
