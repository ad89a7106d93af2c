package dev.rootguard.store.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Counts the commands clients send to a Redis server (round trips), through {@code MONITOR} on a
 * raw socket of its own: commands that scripts run inside the server ({@code [0 lua]}) are not
 * counted. Independent of the code under test (no Lettuce). Not thread-safe.
 */
final class CommandCounter implements AutoCloseable {
  private final Socket monitor;
  private final Socket control;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private int mark;

  CommandCounter(int port) throws IOException {
    monitor = new Socket("127.0.0.1", port);
    control = new Socket("127.0.0.1", port);
    monitor.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
    Thread t =
        new Thread(
            () -> {
              try {
                for (String l; (l = in.readLine()) != null; ) {
                  lines.add(l);
                }
              } catch (IOException ignored) {
                // closed
              }
            },
            "redis-monitor");
    t.setDaemon(true);
    t.start();
    drain();
  }

  /** Waits until MONITOR shows a fresh mark, and returns the client commands seen before it. */
  int drain() throws IOException {
    String token = "rootguard-mark-" + (++mark);
    OutputStream out = control.getOutputStream();
    out.write(
        ("*2\r\n$4\r\nECHO\r\n$" + token.length() + "\r\n" + token + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    int n = 0;
    while (true) {
      String l;
      try {
        l = lines.poll(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      if (l == null) {
        throw new IOException("MONITOR went quiet");
      }
      if (l.contains("\"" + token + "\"")) {
        return n;
      }
      if (l.startsWith("+")
          && !l.contains(" lua]")
          && !l.contains("\"ECHO\"")
          && !l.contains("\"echo\"")
          && !l.equals("+OK")) {
        n++;
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/rg-monitor-debug"))) {
          System.out.println("MONITOR " + l.substring(0, Math.min(l.length(), 200)));
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    monitor.close();
    control.close();
  }
}
