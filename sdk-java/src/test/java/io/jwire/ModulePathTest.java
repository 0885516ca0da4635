package io.jwire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.ChildJvm;
import io.jwire.testing.ModulePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jwire as a named module: a small program on the module path uses the fast switch when
 * {@code java.base/jdk.internal.vm} is exported to {@code io.jwire}, the fallback without, and
 * cannot reach {@code io.jwire.internal}.
 */
class ModulePathTest {
    @TempDir
    static Path dir;
    private static Path jwireModule;
    private static Path appModule;

    @BeforeAll
    static void buildModules() throws Exception {
        jwireModule = ModulePaths.of(WireScheduler.class, dir);
        Path src = dir.resolve("src/app");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), "module app { requires io.jwire; }");
        Files.writeString(src.resolve("app/Main.java"), """
                package app;
                import io.jwire.Wire;
                import io.jwire.WireScheduler;
                public class Main {
                    public static void main(String[] args) {
                        try (WireScheduler s = WireScheduler.create()) {
                            s.spawn("hello", () -> System.out.println("wire " + Wire.current().name()
                                    + " on " + Wire.current().scheduler().switchImplementation()));
                            s.run();
                        }
                        Module jwire = WireScheduler.class.getModule();
                        System.out.println("module " + jwire.getName() + ", internal exported to app: "
                                + jwire.isExported("io.jwire.internal", Main.class.getModule()));
                    }
                }
                """);
        appModule = dir.resolve("app");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--module-path", jwireModule.toString(), "-d", appModule.toString(),
                src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString());
        assertTrue(rc == 0, "the app module compiles against io.jwire");
    }

    @Test
    void fastSwitchWhenTheContinuationPackageIsExportedToTheModule() throws Exception {
        String out = ChildJvm.run(List.of("--add-exports", "java.base/jdk.internal.vm=io.jwire",
                "--module-path", jwireModule + java.io.File.pathSeparator + appModule, "-m", "app/app.Main"));
        assertTrue(out.contains("wire hello on continuation"), out);
        assertTrue(out.contains("module io.jwire, internal exported to app: false"), out);
    }

    @Test
    void fallbackSwitchWithoutTheFlag() throws Exception {
        String out = ChildJvm.run(List.of(
                "--module-path", jwireModule + java.io.File.pathSeparator + appModule, "-m", "app/app.Main"));
        assertTrue(out.contains("wire hello on virtual-thread"), out);
        assertTrue(out.contains("--add-exports java.base/jdk.internal.vm"), "it says how to get the fast path: " + out);
    }
}
