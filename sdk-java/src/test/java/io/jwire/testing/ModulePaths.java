package io.jwire.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Turns a built jwire module (a multi-release jar, or its compiled classes) into a module path entry. */
public final class ModulePaths {
    private ModulePaths() {
    }

    /**
     * The module path entry for the module whose class {@code anyClass} is: its jar as it is, or
     * its compiled classes copied under {@code tmp} with the descriptor (kept by the build in
     * {@code META-INF/versions/17}) at the root, which an exploded module needs.
     */
    public static Path of(Class<?> anyClass, Path tmp) throws Exception {
        Path built = Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(built)) {
            return built;
        }
        Path descriptor = built.resolve("META-INF/versions/17/module-info.class");
        if (!Files.exists(descriptor)) {
            throw new AssertionError("the build puts the module descriptor at " + descriptor);
        }
        Path module = tmp.resolve(anyClass.getPackageName());
        try (Stream<Path> files = Files.walk(built)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = built.relativize(f);
                if (rel.startsWith("META-INF") && !rel.startsWith("META-INF/services")) {
                    continue;
                }
                Path to = module.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.copy(descriptor, module.resolve("module-info.class"), StandardCopyOption.REPLACE_EXISTING);
        return module;
    }
}
