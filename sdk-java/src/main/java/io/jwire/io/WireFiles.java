package io.jwire.io;

import io.jwire.NotInWireException;
import io.jwire.WireCancelledException;
import io.jwire.internal.Checks;
import io.jwire.internal.Waiter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * File operations delegated to a {@link WireIo} pool (libwire's {@code wio_*}): each call runs on
 * a pool thread while the calling wire waits, and the other wires of its scheduler keep running.
 * Get it from {@link WireIo#files()}; it is a view of that pool, with the pool's cancellation,
 * lifetime and exception rules.
 *
 * <pre>{@code
 * WireFiles files = WireIo.shared().files();
 * try (FileChannel ch = files.open(path, StandardOpenOption.READ)) {
 *     ByteBuffer buf = ByteBuffer.allocate(4096);
 *     int n = files.pread(ch, buf, 0);    // this wire waits, the others run
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Every method is called from inside a wire and throws
 * {@link NotInWireException} elsewhere; a wire cancelled while it waits gets
 * {@link WireCancelledException}. I/O failures are the {@link IOException}s the JDK call threw.
 */
public final class WireFiles {
    /** Largest zero-filled chunk {@link #preallocate} writes at once. */
    private static final int ZERO_CHUNK = 64 * 1024;
    private final WireIo io;

    WireFiles(WireIo io) {
        this.io = io;
    }

    /**
     * The pool these operations run on. Any thread.
     *
     * @return the pool
     */
    public WireIo io() {
        return io;
    }

    /**
     * Opens (or creates, with {@link java.nio.file.StandardOpenOption#CREATE}) a file channel
     * (libwire {@code wio_open}). With no options the file is opened for reading.
     *
     * @param path the file
     * @param options how to open it, as for {@link FileChannel#open(Path, OpenOption...)}
     * @return the open channel; close it with {@link #close(Closeable)}
     * @throws IOException what {@link FileChannel#open(Path, OpenOption...)} throws
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile; a channel opened too
     *         late is closed
     * @throws WireIoClosedException when the pool is closed
     */
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        Objects.requireNonNull(path, "path");
        OpenOption[] opts = options.clone();
        return io.delegate("WireFiles.open()", () -> FileChannel.open(path, opts));
    }

    /**
     * Closes a channel, file or stream on a pool thread (libwire {@code wio_close}).
     *
     * @param resource what to close
     * @throws IOException what {@link Closeable#close()} throws
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile; the close still
     *         happens, even when it had not started yet
     * @throws WireIoClosedException when the pool is closed; the resource is then still open
     */
    public void close(Closeable resource) throws IOException {
        Objects.requireNonNull(resource, "resource");
        io.delegate("WireFiles.close()", () -> {
            resource.close();
            return null;
        }, true);
    }

    /**
     * Reads once from the channel's position into {@code dst}, as {@link FileChannel#read(ByteBuffer)}
     * does (libwire {@code read} through {@code wire_io}).
     *
     * @param channel the file
     * @param dst the buffer to fill
     * @return the number of bytes read, or -1 at the end of the file
     * @throws IOException what the read throws
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile (see the class comment
     *         about the buffer)
     * @throws WireIoClosedException when the pool is closed
     */
    public int read(FileChannel channel, ByteBuffer dst) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(dst, "dst");
        return io.delegate("WireFiles.read()", () -> channel.read(dst));
    }

    /**
     * Reads once at {@code position} into {@code dst}, without moving the channel's position
     * (libwire {@code wio_pread}). On a regular file one read fills {@code dst} unless the end of
     * the file comes first.
     *
     * @param channel the file
     * @param dst the buffer to fill
     * @param position the file offset to read at; zero or more
     * @return the number of bytes read, or -1 when {@code position} is at or past the end of the file
     * @throws IllegalArgumentException when {@code position} is negative
     * @throws IOException what the read throws
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile (see the class comment
     *         about the buffer)
     * @throws WireIoClosedException when the pool is closed
     */
    public int pread(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(dst, "dst");
        checkNotNegative("WireFiles.pread", "position", position);
        return io.delegate("WireFiles.pread()", () -> channel.read(dst, position));
    }

    /**
     * Writes every remaining byte of {@code src} at the channel's position, in one delegated call
     * (libwire {@code write} through {@code wire_io}).
     *
     * @param channel the file, open for writing
     * @param src the bytes to write
     * @return the number of bytes written: all that remained in {@code src}
     * @throws IOException what the write throws
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile: a write not started
     *         yet never happens, a running one goes on to the end
     * @throws WireIoClosedException when the pool is closed
     */
    public int write(FileChannel channel, ByteBuffer src) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(src, "src");
        return io.delegate("WireFiles.write()", () -> {
            int total = 0;
            while (src.hasRemaining()) {
                total += channel.write(src);
            }
            return total;
        });
    }

    /**
     * Writes every remaining byte of {@code src} at {@code position}, without moving the channel's
     * position, in one delegated call (libwire {@code wio_pwrite}). Writing past the end grows the
     * file.
     *
     * @param channel the file, open for writing
     * @param src the bytes to write
     * @param position the file offset to write at; zero or more
     * @return the number of bytes written: all that remained in {@code src}
     * @throws IllegalArgumentException when {@code position} is negative
     * @throws IOException what the write throws
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile: a write not started
     *         yet never happens, a running one goes on to the end
     * @throws WireIoClosedException when the pool is closed
     */
    public int pwrite(FileChannel channel, ByteBuffer src, long position) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(src, "src");
        checkNotNegative("WireFiles.pwrite", "position", position);
        return io.delegate("WireFiles.pwrite()", () -> writeFully(channel, src, position));
    }

    /**
     * The file's size in bytes (the size field of libwire {@code wio_fstat}).
     *
     * @param channel the file
     * @return its size in bytes
     * @throws IOException what {@link FileChannel#size()} throws
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile
     * @throws WireIoClosedException when the pool is closed
     */
    public long size(FileChannel channel) throws IOException {
        Objects.requireNonNull(channel, "channel");
        return io.delegate("WireFiles.size()", channel::size);
    }

    /**
     * The file's basic attributes: size, times, kind (libwire {@code wio_fstat}, by path).
     *
     * @param path the file
     * @param options {@link LinkOption#NOFOLLOW_LINKS} to describe a link itself
     * @return its attributes
     * @throws IOException what {@link Files#readAttributes(Path, Class, LinkOption...)} throws,
     *         such as {@link java.nio.file.NoSuchFileException}
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile
     * @throws WireIoClosedException when the pool is closed
     */
    public BasicFileAttributes stat(Path path, LinkOption... options) throws IOException {
        Objects.requireNonNull(path, "path");
        LinkOption[] opts = options.clone();
        return io.delegate("WireFiles.stat()", () -> Files.readAttributes(path, BasicFileAttributes.class, opts));
    }

    /**
     * Sets the file's size to exactly {@code size} bytes, like {@code ftruncate} (libwire
     * {@code wio_ftruncate}): a bigger file loses its tail; a smaller one grows, and the new bytes
     * read as zeros. {@link FileChannel#truncate(long)} alone only shrinks, so growing writes one
     * zero byte at {@code size - 1}, which leaves the rest of the new range a hole on file systems
     * that have them (as {@code ftruncate} does). The channel must be open for writing.
     *
     * @param channel the file, open for writing
     * @param size the new size in bytes; zero or more
     * @throws IllegalArgumentException when {@code size} is negative
     * @throws IOException what the truncate or write throws
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile
     * @throws WireIoClosedException when the pool is closed
     */
    public void truncate(FileChannel channel, long size) throws IOException {
        Objects.requireNonNull(channel, "channel");
        checkNotNegative("WireFiles.truncate", "size", size);
        io.delegate("WireFiles.truncate()", () -> {
            long now = channel.size();
            if (size < now) {
                channel.truncate(size);
            } else if (size > now) {
                writeFully(channel, ByteBuffer.allocate(1), size - 1);
            }
            return null;
        });
    }

    /**
     * Forces written data to the storage device (libwire {@code wio_fsync}): with
     * {@code metaData} true like {@code fsync}, otherwise like {@code fdatasync}; see
     * {@link FileChannel#force(boolean)}.
     *
     * @param channel the file
     * @param metaData true to force the file's metadata too
     * @throws IOException what the force throws
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile
     * @throws WireIoClosedException when the pool is closed
     */
    public void force(FileChannel channel, boolean metaData) throws IOException {
        Objects.requireNonNull(channel, "channel");
        io.delegate("WireFiles.force()", () -> {
            channel.force(metaData);
            return null;
        });
    }

    /**
     * Reserves disk space for the bytes {@code [offset, offset + length)}, growing the file to at
     * least {@code offset + length} bytes (libwire {@code wio_fallocate} with mode 0). Java has no
     * {@code fallocate}, so this does what glibc's {@code posix_fallocate} does on file systems
     * without it: it writes zeros into the part of the range past the current end of the file, so
     * those blocks are really allocated now (a full disk shows here, not at a later write). Bytes
     * already in the file, holes included, are left as they are; a range that ends inside the file
     * changes nothing; when {@code offset} is past the end, the gap up to it stays a hole. It costs
     * writing {@code length} zero bytes, so prefer it for sizes of a few megabytes, not terabytes.
     * The channel must be open for writing.
     *
     * @param channel the file, open for writing
     * @param offset where the range starts; zero or more
     * @param length how many bytes the range has; zero or more
     * @throws IllegalArgumentException when {@code offset} or {@code length} is negative, or their
     *         sum overflows
     * @throws IOException what the writes throw, such as running out of space
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile (the writes go on to the end)
     * @throws WireIoClosedException when the pool is closed
     */
    public void preallocate(FileChannel channel, long offset, long length) throws IOException {
        Objects.requireNonNull(channel, "channel");
        checkNotNegative("WireFiles.preallocate", "offset", offset);
        checkNotNegative("WireFiles.preallocate", "length", length);
        if (offset + length < 0) {
            throw new IllegalArgumentException("WireFiles.preallocate(offset " + offset + ", length " + length
                    + ") in wire '" + Waiter.current("WireFiles.preallocate()").wireName() + "': the end overflows a long");
        }
        long end = offset + length;
        io.delegate("WireFiles.preallocate()", () -> {
            long pos = Math.max(offset, channel.size());
            if (pos < end) {
                ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZERO_CHUNK, end - pos));
                while (pos < end) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), end - pos));
                    pos += writeFully(channel, zeros, pos);
                }
            }
            return null;
        });
    }

    /**
     * The entries of directory {@code dir}, in the order the file system gives them, without
     * {@code .} and {@code ..}; each is {@code dir} resolved against the entry's name.
     *
     * @param dir the directory
     * @return its entries
     * @throws IOException what {@link Files#newDirectoryStream(Path)} throws, such as
     *         {@link java.nio.file.NotDirectoryException}
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile
     * @throws WireIoClosedException when the pool is closed
     */
    public List<Path> list(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        return io.delegate("WireFiles.list()", () -> {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path p : stream) {
                    entries.add(p);
                }
            }
            return entries;
        });
    }

    /**
     * Deletes a file, or an empty directory (libwire {@code unlink} through {@code wire_io}).
     *
     * @param path the file or empty directory
     * @throws IOException what {@link Files#delete(Path)} throws, such as
     *         {@link java.nio.file.NoSuchFileException} or
     *         {@link java.nio.file.DirectoryNotEmptyException}
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled meanwhile: a delete not started
     *         yet never happens, a running one completes
     * @throws WireIoClosedException when the pool is closed
     */
    public void delete(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        io.delegate("WireFiles.delete()", () -> {
            Files.delete(path);
            return null;
        });
    }

    private static int writeFully(FileChannel channel, ByteBuffer src, long position) throws IOException {
        int total = 0;
        while (src.hasRemaining()) {
            total += channel.write(src, position + total);
        }
        return total;
    }

    private static void checkNotNegative(String call, String what, long value) {
        Checks.atLeast(value, 0, call + "()", what);
    }
}
