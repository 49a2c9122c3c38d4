package dev.archlab.id;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A high-water mark in a one-line text file.
 *
 * <p>Each write goes to a sibling temporary file that is forced to disk and then moved over the old
 * file in one atomic rename, after which the directory is forced too, so a crash leaves either the
 * old or the new mark, never a torn one. A file that cannot be parsed is an error, not an empty
 * store: guessing low would let a restarted node reissue timestamps.
 *
 * <p>Writes hold a lock on a sibling {@code .lock} file and re-read the mark under it, so several
 * stores of one file (in this JVM or in other processes) neither collide on the temporary file nor
 * lower a mark another one raised.
 */
final class FileTimestampStore implements TimestampStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileTimestampStore.class);

  /** A mark is at most 20 characters and a line break; room for stray whitespace on top. */
  private static final int MAX_MARK_BYTES = 64;

  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS_LOCKS =
      new ConcurrentHashMap<>();

  private final Path path;
  private final Path temporary;
  private final Path lockFile;
  private long cached = Long.MIN_VALUE;
  private boolean loaded;
  private boolean directorySyncWarned;

  FileTimestampStore(Path path) {
    this.path = path;
    this.temporary = path.resolveSibling(path.getFileName() + ".tmp");
    this.lockFile = path.resolveSibling(path.getFileName() + ".lock");
  }

  @Override
  public synchronized long highWaterMark() {
    if (!loaded) {
      cached = read();
      loaded = true;
    }
    return cached;
  }

  @Override
  public synchronized void advanceTo(long epochMillis) {
    if (epochMillis <= highWaterMark()) {
      return;
    }
    // A file lock belongs to the whole JVM, so stores of one file in this JVM queue here first.
    ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(path, file -> new ReentrantLock());
    inProcess.lock();
    try (FileChannel lockChannel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acrossProcesses = lockChannel.lock()) {
      // Another store of the same file may have raised the mark since: never write it lower.
      long onDisk = read();
      if (onDisk >= epochMillis) {
        cached = onDisk;
        return;
      }
      write(epochMillis);
      cached = epochMillis;
    } catch (IOException e) {
      throw new IdGenerationException(
          "cannot lock " + lockFile + " to write timestamp high-water mark " + epochMillis, e);
    } finally {
      inProcess.unlock();
    }
  }

  private long read() {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_MARK_BYTES + 1);
    } catch (NoSuchFileException absent) {
      return Long.MIN_VALUE;
    } catch (IOException e) {
      throw new IdGenerationException("cannot read timestamp high-water mark from " + path, e);
    }
    if (bytes.length > MAX_MARK_BYTES) {
      throw new IdGenerationException(
          "timestamp high-water mark file "
              + path
              + " is longer than "
              + MAX_MARK_BYTES
              + " bytes, so it does not hold a mark written by this store; check what wrote it");
    }
    // Non-ASCII bytes decode to U+FFFD and fail the parse below with the text shown.
    String text = new String(bytes, StandardCharsets.US_ASCII).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IdGenerationException(
          "timestamp high-water mark file "
              + path
              + " must hold one decimal number of epoch milliseconds, was \""
              + text
              + "\"",
          e);
    }
  }

  private void write(long epochMillis) {
    byte[] bytes = (epochMillis + "\n").getBytes(StandardCharsets.US_ASCII);
    try {
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      move();
      syncDirectory();
    } catch (IOException e) {
      throw new IdGenerationException(
          "cannot write timestamp high-water mark " + epochMillis + " to " + path, e);
    }
  }

  private void move() throws IOException {
    try {
      Files.move(
          temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("file system of " + path + " cannot rename atomically", e);
    }
  }

  private void syncDirectory() {
    Path directory = path.getParent();
    if (directory == null) {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
      if (!directorySyncWarned) {
        directorySyncWarned = true;
        LOG.warn("cannot fsync directory {} after replacing the high-water mark", directory, e);
      }
    }
  }

  @Override
  public String toString() {
    return "TimestampStores.file(" + path + ")";
  }
}
