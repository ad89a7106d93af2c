package dev.rootguard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The launchers start real servers, keep AOF data across a restart, and stop by PID. */
class LocalServersTest {
  private static String redis(int port, String... command) throws IOException {
    StringBuilder req = new StringBuilder("*" + command.length + "\r\n");
    for (String c : command) {
      req.append('$')
          .append(c.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(c)
          .append("\r\n");
    }
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[256];
      int n = in.read(buf);
      return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
  }

  @Test
  void privateRedisKeepsAppendOnlyDataAcrossARestartAndStopsByPid() throws IOException {
    RedisServer redis = RedisServer.startPrivate(true);
    try {
      long pid = redis.process().pid();
      assertThat(pid).isPositive();
      assertThat(redis(redis.port(), "SET", "k", "v1")).isEqualTo("+OK\r\n");
      redis.restart();
      assertThat(redis.process().pid()).isNotEqualTo(pid);
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(redis(redis.port(), "GET", "k")).isEqualTo("$2\r\nv1\r\n");
    } finally {
      redis.stop();
    }
    assertThat(redis.process().pid()).isEqualTo(-1);
    assertThat(LocalServer.replies(redis.port(), "PING\r\n", "+PONG")).isFalse();
  }

  @Test
  void dynaliteAnswersTheDynamoDbApi() throws IOException {
    DynaliteServer d = DynaliteServer.shared();
    HttpURLConnection c = (HttpURLConnection) d.endpoint().toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("X-Amz-Target", "DynamoDB_20120810.ListTables");
    c.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
    c.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
    // unsigned: the DynamoDB API answers with its own error shape, which proves who is listening
    assertThat(c.getResponseCode()).isEqualTo(400);
    String body = new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(body).contains("MissingAuthenticationToken");
  }
}
