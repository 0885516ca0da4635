package io.jwire.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each documented declaration's page is, read from the package-lists of the Dokka runs, for
 * the guide's {@code api:} links: {@code api:io.jwire.channels.WireChannel} (a type),
 * {@code api:io.jwire.channels.WireChannel#send} (a member), {@code api:io.jwire.kotlin#wires}
 * (a top-level Kotlin function), {@code api:io.jwire.sync} (a package), {@code api:java} and
 * {@code api:kotlin} (a reference's front page).
 */
final class ApiIndex {
    private static final String LOCATION = "$dokka.location:";

    private final Path apiRoot;
    /** key -> page, relative to {@code apiRoot}. */
    private final Map<String, String> pages = new LinkedHashMap<>();
    /** package name -> page, relative to {@code apiRoot}, per run. */
    private final Map<String, Map<String, String>> packages = new LinkedHashMap<>();

    ApiIndex(Path apiRoot) {
        this.apiRoot = apiRoot;
    }

    /** Reads the package-list of the run written to {@code api/<run>}. */
    void load(String run, Path packageList) throws IOException {
        if (!Files.exists(packageList)) {
            throw new IllegalStateException(packageList + " is missing: run Dokka first (./mvnw -pl docs -am verify)");
        }
        pages.put(run, run + "/index.html");
        Map<String, String> runPackages = packages.computeIfAbsent(run, r -> new LinkedHashMap<>());
        for (String line : Files.readAllLines(packageList)) {
            if (!line.startsWith(LOCATION)) {
                continue;
            }
            // package/Class.Nested/member/params/PointingToDeclaration/path
            String[] parts = line.substring(LOCATION.length()).split("/", -1);
            if (parts.length < 6) {
                continue;
            }
            String pkg = parts[0];
            String cls = parts[1];
            String member = parts[2];
            // Dokka marks the module folder with a control character (U+001F): drop it
            String path = run + "/" + String.join("/", List.of(parts).subList(5, parts.length)).replaceAll("\\p{Cntrl}", "");
            String key = pkg + (cls.isEmpty() ? "" : "." + cls) + (member.isEmpty() ? "" : "#" + member);
            pages.putIfAbsent(key, path);
            if (cls.isEmpty() && member.isEmpty()) {
                runPackages.put(pkg, path);
            }
        }
    }

    /** The page for {@code key} (see the class comment), or null. */
    Path page(String key) {
        String p = pages.get(key);
        return p == null ? null : apiRoot.resolve(p);
    }

    /** The package pages of one run: package name -> page. */
    Map<String, Path> packagePages(String run) {
        Map<String, Path> out = new LinkedHashMap<>();
        packages.getOrDefault(run, Map.of()).forEach((k, v) -> out.put(k, apiRoot.resolve(v)));
        return out;
    }

    List<String> runs() {
        return List.copyOf(packages.keySet());
    }
}
