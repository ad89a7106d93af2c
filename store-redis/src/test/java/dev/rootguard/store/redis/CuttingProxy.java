package dev.rootguard.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a Redis server that can cut a connection in the middle of an operation:
 * once armed with a needle, the first client request containing it is forwarded to the server and
 * the client connection is then reset before the reply comes back, so the client cannot know
 * whether the command ran (it did, if the server had the script loaded: tests warm the script cache
 * first, or the server would answer NOSCRIPT). Thread-safe.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int upstreamPort;
  private final AtomicReference<String> needle = new AtomicReference<>();
  private volatile int cuts;

  CuttingProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Cuts the connection that next sends a request containing {@code text}. */
  void cutOnce(String text) {
    needle.set(text);
  }

  int cuts() {
    return cuts;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        Object lock = new Object();
        boolean[] cut = {false};
        Thread up =
            new Thread(
                () -> {
                  byte[] buf = new byte[65536];
                  try (InputStream in = client.getInputStream();
                      OutputStream out = server.getOutputStream()) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                      String n1 = needle.get();
                      boolean hit =
                          n1 != null
                              && new String(buf, 0, n, StandardCharsets.ISO_8859_1).contains(n1)
                              && needle.compareAndSet(n1, null);
                      if (hit) {
                        synchronized (lock) {
                          cut[0] = true;
                        }
                        cuts++;
                      }
                      out.write(buf, 0, n);
                      out.flush();
                      if (hit) {
                        Thread.sleep(200); // let the server run it
                        client.setSoLinger(true, 0); // RST, not FIN
                        client.close();
                        server.close();
                        return;
                      }
                    }
                  } catch (IOException | InterruptedException ignored) {
                    // connection over
                  }
                },
                "proxy-up");
        Thread down =
            new Thread(
                () -> {
                  byte[] buf = new byte[65536];
                  try (InputStream in = server.getInputStream();
                      OutputStream out = client.getOutputStream()) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                      synchronized (lock) {
                        if (cut[0]) {
                          return; // the reply to the cut request never reaches the client
                        }
                      }
                      out.write(buf, 0, n);
                      out.flush();
                    }
                  } catch (IOException ignored) {
                    // connection over
                  }
                },
                "proxy-down");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
