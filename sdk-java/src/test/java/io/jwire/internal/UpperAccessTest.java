package io.jwire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class UpperAccessTest {
    /** Installs itself into {@link #POINT} when its class is initialised, as the upper layers do. */
    static final class Installer {
        static final Supplier<String> IT = () -> "installed";

        static {
            POINT.install(IT);
        }
    }

    static final UpperAccess<Supplier<String>> POINT =
            new UpperAccess<>("io.jwire.internal.UpperAccessTest$Installer", "test access");

    @Test
    void theFirstGetLoadsTheInstallerAndASecondInstallIsRefused() {
        assertSame(Installer.IT, POINT.get(), "get() initialises the installer class by name");
        assertEquals("installed", POINT.get().get());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> POINT.install(() -> "again"));
        assertTrue(e.getMessage().contains("test access is already installed"), e.getMessage());
    }

    @Test
    void aMissingInstallerIsNamed() {
        UpperAccess<Runnable> missing = new UpperAccess<>("io.jwire.NoSuchLayer", "missing access");
        IllegalStateException e = assertThrows(IllegalStateException.class, missing::get);
        assertTrue(e.getMessage().contains("io.jwire.NoSuchLayer is not on the class path"), e.getMessage());
    }
}
