package io.jwire.docs.samples

import io.jwire.WireScheduler
import io.jwire.channels.WireChannel
import io.jwire.kotlin.asCoroutineContext
import io.jwire.kotlin.runSuspending
import java.net.URL
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** The code of sdk-kotlin-dsl/Bridges.md, which the guide's coroutines page includes: compiled here. */
@Suppress("DEPRECATION")
object BridgeSamples {
    fun overview(url: String, replies: WireChannel<String>, kotlinxChannel: Channel<String>) {
        // region bridges-overview
        val scheduler = WireScheduler.create()
        val jwire = scheduler.asCoroutineContext()
        CoroutineScope(jwire).launch {
            val page = withContext(Dispatchers.IO) { URL(url).readText() }  // back in a wire afterwards
            replies.send(page)                      // a jwire WireChannel: blocks this coroutine only
        }
        scheduler.spawn("logger") {
            val line = runSuspending { kotlinxChannel.receive() }          // a wire awaits suspend code
            println(line)
        }
        scheduler.run()                             // returns once wires and coroutines have ended
        // endregion
    }
}
