package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwire.testing.WireTestHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CancelTest {

    @Test
    void theCancelledWireSkipsItsSecondPrintAndRunsItsCleanupsLastFirst() {
        Output o = new Output();
        // Through the harness: a cancelled wire ends quietly; anything else failing fails the test.
        WireTestHarness.run(s -> Cancel.start(s, o.out));
        assertEquals(List.of(
                "First print",
                "Cancelling wire 'to cancel' before its second print",
                "Other wire cancelled",
                "Cleanup 3 in cancelled wire: release the lock",
                "Cleanup 2 in cancelled wire: flush the buffer",
                "Cleanup 1 in cancelled wire: close the file",
                "Done"), o.lines());
    }
}
