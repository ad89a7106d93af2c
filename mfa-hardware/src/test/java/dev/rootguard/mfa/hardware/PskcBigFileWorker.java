package dev.rootguard.mfa.hardware;

import dev.rootguard.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-JVM entry point for {@link PskcBigFileTest}: reads one PSKC file with {@link Pskc#read} and
 * prints {@code tokens=N errors=M} or {@code refused FIELD: MESSAGE}. An {@link Error} (such as
 * OutOfMemoryError) escapes, so the JVM exits non-zero with its stack trace.
 */
final class PskcBigFileWorker {
  private PskcBigFileWorker() {}

  public static void main(String[] args) throws Exception {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(args[0])))) {
      PskcImport r = Pskc.read(in, PskcKey.none());
      System.out.println("tokens=" + r.tokens().size() + " errors=" + r.errors().size());
      System.out.println("maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    } catch (InvalidInputException e) {
      System.out.println("refused " + e.getMessage());
    }
  }
}
