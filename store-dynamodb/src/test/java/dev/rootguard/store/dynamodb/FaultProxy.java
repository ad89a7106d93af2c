package dev.rootguard.store.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, for fault tests: it forwards, or stalls (reads and
 * drops everything, so the client's call times out), or resets the client connection (RST) right
 * after forwarding a request that contains a trigger string, so the server has applied the request
 * but the client never sees the answer.
 */
final class FaultProxy implements AutoCloseable {
  enum Mode {
    FORWARD,
    STALL
  }

  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.FORWARD;
  private volatile String resetTrigger;
  final AtomicInteger resets = new AtomicInteger();

  FaultProxy(URI upstream) throws IOException {
    this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "fault-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  void mode(Mode m) {
    this.mode = m;
  }

  /** Resets the client after forwarding any request containing {@code trigger}; null: never. */
  void resetAfter(String trigger) {
    this.resetTrigger = trigger;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(upstream, 2_000);
        open.add(client);
        open.add(server);
        boolean[] armed = new boolean[1];
        start(() -> pump(client, server, armed, true));
        start(() -> pump(server, client, armed, false));
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void start(Runnable r) {
    Thread t = new Thread(r, "fault-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void pump(Socket from, Socket to, boolean[] armed, boolean request) {
    byte[] buf = new byte[16_384];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (mode == Mode.STALL) {
          continue;
        }
        if (request) {
          String trigger = resetTrigger;
          if (trigger != null
              && new String(buf, 0, n, StandardCharsets.ISO_8859_1).contains(trigger)) {
            synchronized (armed) {
              armed[0] = true;
            }
          }
          out.write(buf, 0, n);
          out.flush();
        } else {
          synchronized (armed) {
            if (armed[0]) {
              resets.incrementAndGet();
              to.setSoLinger(true, 0);
              to.close(); // RST to the client: the server applied the request, the answer is lost
              from.close();
              return;
            }
          }
          out.write(buf, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // connection ended
    } finally {
      try {
        to.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
