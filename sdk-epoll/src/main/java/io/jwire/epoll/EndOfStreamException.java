package io.jwire.epoll;

/**
 * The peer closed its side of the stream (end of stream, a TCP FIN) before
 * {@link WireSocket#readAtLeast} or {@link WireSocket#readFully} got the bytes they need.
 * {@link #bytesRead()} tells how many arrived first; they are in the buffer. (Plain
 * {@link WireSocket#read} reports end of stream by returning -1 instead.)
 */
public final class EndOfStreamException extends WireIoException {
    private static final long serialVersionUID = 1L;
    private final int bytesRead;

    /** Creates the exception with the message and the bytes read before the end of stream. */
    public EndOfStreamException(String message, int bytesRead) {
        super(message);
        this.bytesRead = bytesRead;
    }

    /** The bytes read by the call before the stream ended. */
    public int bytesRead() {
        return bytesRead;
    }
}
