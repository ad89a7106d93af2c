package dev.rootguard.examples.fido;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.AttestationPolicy;
import dev.rootguard.mfa.fido.CeremonyRequest;
import dev.rootguard.mfa.fido.InMemorySecurityKeyStore;
import dev.rootguard.mfa.fido.RegistrationOutcome;
import dev.rootguard.mfa.fido.Requirement;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import dev.rootguard.mfa.fido.SecurityKeyDetail;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small web demo of {@link SecurityKeyVerifier}: a JDK {@link HttpServer} on 127.0.0.1 serving
 * one page that registers a security key and signs in with it through {@code
 * navigator.credentials}. The page is opened as {@code http://localhost:PORT/} (RP id {@code
 * localhost}, which browsers treat as a secure context).
 *
 * <pre>{@code
 * try (SecurityKeyDemo demo = SecurityKeyDemo.start(0, Requirement.PREFERRED)) {
 *   System.out.println("Open " + demo.url());
 * }
 * }</pre>
 *
 * <p>Endpoints (JSON in and out): {@code POST /register/start}, {@code /register/finish}, {@code
 * /login/start}, {@code /login/finish}.
 *
 * <p>Thread-safe; stop it with {@link #close()}.
 */
public final class SecurityKeyDemo implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 128 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final SecurityKeyVerifier verifier;
  private final int port;

  private SecurityKeyDemo(HttpServer server, ExecutorService executor, SecurityKeyVerifier v) {
    this.server = server;
    this.executor = executor;
    this.verifier = v;
    this.port = server.getAddress().getPort();
  }

  /**
   * Starts the demo on 127.0.0.1 with an in-memory credential store.
   *
   * @param port the port, or 0 for a free one
   * @param userVerification whether sign-ins must verify the user (PIN, biometric)
   * @return the running demo
   * @throws IOException if the port cannot be bound
   */
  public static SecurityKeyDemo start(int port, Requirement userVerification) throws IOException {
    return start(port, userVerification, new InMemorySecurityKeyStore());
  }

  /**
   * Starts the demo on 127.0.0.1.
   *
   * @param port the port, or 0 for a free one
   * @param userVerification whether sign-ins must verify the user
   * @param store where registered keys are kept
   * @return the running demo
   * @throws IOException if the port cannot be bound
   */
  public static SecurityKeyDemo start(
      int port, Requirement userVerification, SecurityKeyStore store) throws IOException {
    Objects.requireNonNull(userVerification, "userVerification");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    int actual = server.getAddress().getPort();
    SecurityKeyVerifier v =
        SecurityKeyVerifier.builder("localhost", "RootGuard demo")
            .origins(Set.of("http://localhost:" + actual))
            .userVerification(userVerification)
            .attestationPolicy(AttestationPolicy.anyAuthenticator())
            .credentialStore(store)
            .build();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "rootguard-keys-demo");
              t.setDaemon(true);
              return t;
            });
    SecurityKeyDemo demo = new SecurityKeyDemo(server, executor, v);
    server.createContext("/", demo::handle);
    server.setExecutor(executor);
    server.start();
    return demo;
  }

  /**
   * Returns the page's URL, {@code http://localhost:PORT/}.
   *
   * @return the URL
   */
  public String url() {
    return "http://localhost:" + port + "/";
  }

  /**
   * Returns the verifier behind the page.
   *
   * @return the verifier
   */
  public SecurityKeyVerifier verifier() {
    return verifier;
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if ("GET".equals(ex.getRequestMethod()) && ("/".equals(path) || "/index.html".equals(path))) {
        byte[] page;
        try (InputStream in = SecurityKeyDemo.class.getResourceAsStream("demo.html")) {
          page = Objects.requireNonNull(in, "demo.html").readAllBytes();
        }
        send(ex, 200, "text/html; charset=utf-8", page);
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
      ObjectNode out;
      try {
        out = route(path, body.length > MAX_BODY ? JSON.createObjectNode() : JSON.readTree(body));
      } catch (IOException | RuntimeException e) {
        out = JSON.createObjectNode().put("ok", false).put("reason", "BAD_REQUEST");
      }
      if (out == null) {
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      send(ex, 200, "application/json", JSON.writeValueAsBytes(out));
    }
  }

  private ObjectNode route(String path, JsonNode in) {
    ObjectNode out = JSON.createObjectNode();
    switch (path) {
      case "/register/start":
        {
          CeremonyRequest r = verifier.startRegistration(user(in));
          out.put("requestId", r.requestId());
          out.set("publicKey", readTree(r.optionsJson()));
          return out;
        }
      case "/login/start":
        {
          CeremonyRequest r = verifier.startAuthentication(user(in));
          out.put("requestId", r.requestId());
          out.set("publicKey", readTree(r.optionsJson()));
          return out;
        }
      case "/register/finish":
        {
          RegistrationOutcome o =
              verifier.finishRegistration(
                  in.path("requestId").asText(), in.path("credential").toString());
          if (o instanceof RegistrationOutcome.Registered reg) {
            SecurityKeyCredential c = reg.credential();
            out.put("ok", true)
                .put("credentialId", c.id().value())
                .put("format", c.attestationFormat())
                .put("aaguid", c.aaguid().toString())
                .put("kind", c.factor().name())
                .put("signatureCount", c.signatureCount());
          } else {
            out.put("ok", false).put("reason", ((RegistrationOutcome.Rejected) o).reason().name());
          }
          return out;
        }
      case "/login/finish":
        {
          MfaResult r =
              verifier.finishAuthentication(
                  in.path("requestId").asText(), in.path("credential").toString());
          out.put("ok", r.isAccepted());
          if (r instanceof MfaResult.Rejected rej) {
            out.put("reason", rej.reason().name());
            out.put("message", rej.reason().message(Locale.ENGLISH));
          } else {
            out.put("credentialId", ((MfaResult.Accepted) r).credential().value());
          }
          if (r.detail() instanceof SecurityKeyDetail d) {
            out.put("kind", d.kind().name())
                .put("signatureCount", d.signatureCount())
                .put("userVerified", d.userVerified())
                .put("counterRegressed", d.counterRegressed())
                .put("hardware", d.hardware());
          }
          return out;
        }
      default:
        return null;
    }
  }

  private static Principal user(JsonNode in) {
    String name = in.path("username").asText("").strip();
    return Principal.of(name.isEmpty() ? "demo-user" : name);
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("bug: options are not JSON", e);
    }
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }
}
