package dev.rootguard.mfa.hardware;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A virtual smart card with a YKOATH applet, for tests: it speaks vpcd's socket protocol (2-byte
 * big-endian length, then a 1-byte control code or an APDU) as a client of pcscd's vpcd driver on
 * 127.0.0.1, so test code reaches it through javax.smartcardio, libpcsclite and pcscd like a real
 * YubiKey. It implements SELECT, LIST, CALCULATE, PUT, DELETE and SEND REMAINING (long LIST answers
 * are split with 61xx).
 */
final class VirtualOathCard implements AutoCloseable {
  static final byte[] ATR = HexFormat.of().parseHex("3BF81300008131FE15597562696B657934D4");
  static final byte[] AID = {(byte) 0xa0, 0x00, 0x00, 0x05, 0x27, 0x21, 0x01};
  static final int CHUNK = 64;

  record Cred(int typeAlg, int digits, byte[] key, long counter) {}

  private final int port;
  private final Map<String, Cred> creds = new LinkedHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Socket socket;
  private boolean selected;
  private byte[] pending;
  final AtomicInteger sendRemainingSeen = new AtomicInteger();
  final AtomicInteger apdus = new AtomicInteger();

  VirtualOathCard(int port) {
    this.port = port;
    this.thread = new Thread(this::run, "virtual-oath-card-" + port);
    thread.setDaemon(true);
  }

  VirtualOathCard start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        socket = s;
        s.setTcpNoDelay(true);
        serve(s);
      } catch (IOException e) {
        if (!running) {
          return;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /**
   * jdk.net.ExtendedSocketOptions.TCP_QUICKACK, looked up reflectively (tests run on the class
   * path).
   */
  private static final java.net.SocketOption<Boolean> QUICKACK = quickAckOption();

  @SuppressWarnings("unchecked")
  private static java.net.SocketOption<Boolean> quickAckOption() {
    try {
      return (java.net.SocketOption<Boolean>)
          Class.forName("jdk.net.ExtendedSocketOptions").getField("TCP_QUICKACK").get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** vpcd sends length and payload in two writes: ACK at once, or each APDU waits ~40 ms. */
  private static void quickAck(Socket s) throws IOException {
    if (QUICKACK == null) {
      return;
    }
    try {
      s.setOption(QUICKACK, true);
    } catch (UnsupportedOperationException ignored) {
      // not Linux: slower, still correct
    }
  }

  private void serve(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    OutputStream out = s.getOutputStream();
    while (running) {
      quickAck(s);
      int len = in.readUnsignedShort();
      byte[] msg = new byte[len];
      quickAck(s);
      in.readFully(msg);
      byte[] reply;
      if (len == 1) {
        switch (msg[0]) {
          case 0x04:
            reply = ATR;
            break;
          case 0x01:
          case 0x02:
            synchronized (this) {
              selected = false;
              pending = null;
            }
            reply = null;
            break;
          default:
            reply = null;
        }
      } else {
        apdus.incrementAndGet();
        synchronized (this) {
          reply = process(msg);
        }
      }
      if (reply != null) {
        byte[] frame =
            ByteBuffer.allocate(2 + reply.length).putShort((short) reply.length).put(reply).array();
        out.write(frame);
        out.flush();
      }
    }
  }

  /** Processes one APDU directly, without PC/SC (for tests that run where pcscd is absent). */
  synchronized byte[] transmit(byte[] apdu) {
    apdus.incrementAndGet();
    return process(apdu);
  }

  synchronized int credentialCount() {
    return creds.size();
  }

  private byte[] process(byte[] apdu) {
    int ins = apdu[1] & 0xff;
    int p1 = apdu[2] & 0xff;
    int p2 = apdu[3] & 0xff;
    byte[] data = new byte[0];
    if (apdu.length > 5) {
      int lc = apdu[4] & 0xff;
      data = Arrays.copyOfRange(apdu, 5, 5 + lc);
    }
    if (ins == 0xa4 && p1 == 0x04) {
      if (!Arrays.equals(data, AID)) {
        selected = false;
        return sw(0x6a82);
      }
      selected = true;
      pending = null;
      byte[] resp =
          concat(
              tlv(0x79, new byte[] {5, 4, 3}),
              tlv(0x71, HexFormat.of().parseHex("0102030405060708")));
      return concat(resp, sw(0x9000));
    }
    if (!selected) {
      return sw(0x6985);
    }
    if (ins == 0xa5 || ins == 0xc0) {
      sendRemainingSeen.incrementAndGet();
      return nextChunk();
    }
    pending = null;
    Map<Integer, byte[]> t = parse(data);
    switch (ins) {
      case 0xa1:
        {
          byte[] all = new byte[0];
          for (Map.Entry<String, Cred> e : creds.entrySet()) {
            byte[] name = e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] v = new byte[1 + name.length];
            v[0] = (byte) e.getValue().typeAlg();
            System.arraycopy(name, 0, v, 1, name.length);
            all = concat(all, tlv(0x72, v));
          }
          pending = all;
          return nextChunk();
        }
      case 0x01:
        {
          byte[] key = t.get(0x73);
          byte[] name = t.get(0x71);
          if (key == null || name == null || key.length < 3) {
            return sw(0x6a80);
          }
          long imf = t.containsKey(0x7a) ? ByteBuffer.wrap(t.get(0x7a)).getInt() & 0xffffffffL : 0;
          creds.put(
              new String(name, java.nio.charset.StandardCharsets.UTF_8),
              new Cred(key[0] & 0xff, key[1], Arrays.copyOfRange(key, 2, key.length), imf));
          return sw(0x9000);
        }
      case 0x02:
        {
          String name =
              new String(
                  t.getOrDefault(0x71, new byte[0]), java.nio.charset.StandardCharsets.UTF_8);
          return creds.remove(name) != null ? sw(0x9000) : sw(0x6984);
        }
      case 0xa2:
        {
          String name =
              new String(
                  t.getOrDefault(0x71, new byte[0]), java.nio.charset.StandardCharsets.UTF_8);
          Cred c = creds.get(name);
          if (c == null) {
            return sw(0x6984);
          }
          byte[] challenge = t.getOrDefault(0x74, new byte[0]);
          if ((c.typeAlg() & 0xf0) == 0x10) {
            challenge = ByteBuffer.allocate(8).putLong(c.counter()).array();
            creds.put(name, new Cred(c.typeAlg(), c.digits(), c.key(), c.counter() + 1));
          }
          byte[] h = hmac(c.typeAlg() & 0x0f, c.key(), challenge);
          if (p2 == 0x01) {
            int off = h[h.length - 1] & 0x0f;
            byte[] v = new byte[5];
            v[0] = (byte) c.digits();
            System.arraycopy(h, off, v, 1, 4);
            v[1] &= 0x7f;
            return concat(tlv(0x76, v), sw(0x9000));
          }
          byte[] v = new byte[1 + h.length];
          v[0] = (byte) c.digits();
          System.arraycopy(h, 0, v, 1, h.length);
          return concat(tlv(0x75, v), sw(0x9000));
        }
      default:
        return sw(0x6d00);
    }
  }

  private byte[] nextChunk() {
    if (pending == null) {
      return sw(0x9000);
    }
    if (pending.length <= CHUNK) {
      byte[] r = concat(pending, sw(0x9000));
      pending = null;
      return r;
    }
    byte[] head = Arrays.copyOf(pending, CHUNK);
    pending = Arrays.copyOfRange(pending, CHUNK, pending.length);
    return concat(head, sw(0x6100 | Math.min(pending.length, 0xff)));
  }

  static byte[] hmac(int alg, byte[] key, byte[] msg) {
    String name = alg == 1 ? "HmacSHA1" : alg == 2 ? "HmacSHA256" : "HmacSHA512";
    try {
      Mac m = Mac.getInstance(name);
      m.init(new SecretKeySpec(key, name));
      return m.doFinal(msg);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<Integer, byte[]> parse(byte[] data) {
    Map<Integer, byte[]> out = new LinkedHashMap<>();
    int i = 0;
    while (i + 1 < data.length) {
      int tag = data[i] & 0xff;
      int len = data[i + 1] & 0xff;
      int at = i + 2;
      if (len == 0x81) {
        len = data[i + 2] & 0xff;
        at = i + 3;
      }
      out.put(tag, Arrays.copyOfRange(data, at, at + len));
      i = at + len;
    }
    return out;
  }

  static byte[] tlv(int tag, byte[] value) {
    byte[] head =
        value.length < 0x80
            ? new byte[] {(byte) tag, (byte) value.length}
            : new byte[] {(byte) tag, (byte) 0x81, (byte) value.length};
    return concat(head, value);
  }

  static byte[] sw(int sw) {
    return new byte[] {(byte) (sw >> 8), (byte) sw};
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Override
  public void close() {
    running = false;
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
