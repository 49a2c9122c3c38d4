package dev.archlab.id;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A high-water mark in a one-line text file.
 *
 * <p>Each write goes to a sibling temporary file that is forced to disk and then moved over the old
 * file in one atomic rename, after which the directory is forced too, so a crash leaves either the
 * old or the new mark, never a torn one. A file that cannot be parsed is an error, not an empty
 * store: guessing low would let a restarted node reissue timestamps.
 */
final class FileTimestampStore implements TimestampStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileTimestampStore.class);

  private final Path path;
  private final Path temporary;
  private long cached = Long.MIN_VALUE;
  private boolean loaded;
  private boolean directorySyncWarned;

  FileTimestampStore(Path path) {
    this.path = path;
    this.temporary = path.resolveSibling(path.getFileName() + ".tmp");
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
    write(epochMillis);
    cached = epochMillis;
  }

  private long read() {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.US_ASCII).strip();
    } catch (NoSuchFileException absent) {
      return Long.MIN_VALUE;
    } catch (IOException e) {
      throw new IdGenerationException("cannot read timestamp high-water mark from " + path, e);
    }
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
