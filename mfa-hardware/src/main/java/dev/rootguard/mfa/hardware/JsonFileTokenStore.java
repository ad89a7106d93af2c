package dev.rootguard.mfa.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import dev.rootguard.mfa.Principal;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A {@link TokenStore} and {@link YubicoKeyStore} kept in one JSON file, rewritten atomically (a
 * temporary file in the same directory, flushed to disk, then moved over the old one with {@code
 * ATOMIC_MOVE}) after every change, so a crash leaves either the old or the new file.
 *
 * <p><b>The file holds secrets</b>: the tokens' seeds and the Yubico keys' AES keys and private
 * ids, base64/hex encoded but not encrypted. Keep it on an encrypted disk, readable only by the
 * service. On file systems with POSIX permissions it is created {@code rw-------} (600); on others,
 * protect it yourself.
 *
 * <p>Suited to a CLI or a small service (one process; every accepted code rewrites the file). Do
 * not open one file from two processes at once.
 *
 * <pre>{@code
 * JsonFileTokenStore store = JsonFileTokenStore.open(Path.of(System.getProperty("user.home"),
 *     ".rootguard", "tokens.json"));
 * store.add(token);            // written to disk before add returns
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class JsonFileTokenStore implements TokenStore, YubicoKeyStore {
  static final String FORMAT = "rootguard-tokens/1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final InMemoryTokenStore memory = new InMemoryTokenStore();
  private final Object writeLock = new Object();

  private JsonFileTokenStore(Path file) {
    this.file = file;
  }

  /**
   * Opens a store file, or starts an empty one if it does not exist yet (the file and its directory
   * are created on the first change).
   *
   * @param file the file
   * @return the store
   * @throws InvalidInputException naming the field if the file is not a token store
   * @throws RootGuardException if the file cannot be read
   */
  public static JsonFileTokenStore open(Path file) {
    Objects.requireNonNull(file, "file");
    JsonFileTokenStore s = new JsonFileTokenStore(file.toAbsolutePath());
    if (Files.exists(s.file)) {
      s.load();
    }
    return s;
  }

  /**
   * Returns the file.
   *
   * @return the path
   */
  public Path file() {
    return file;
  }

  // ---- TokenStore ----

  @Override
  public void add(HardwareToken token) {
    memory.add(token);
    save();
  }

  @Override
  public void addAll(java.util.Collection<HardwareToken> tokens) {
    memory.addAll(tokens);
    save();
  }

  @Override
  public Optional<HardwareToken> token(String serial) {
    return memory.token(serial);
  }

  @Override
  public Optional<TokenState> state(String serial) {
    return memory.state(serial);
  }

  @Override
  public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
    return savedIf(memory.compareAndSet(serial, expected, updated));
  }

  @Override
  public boolean remove(String serial) {
    return savedIf(memory.remove(serial));
  }

  @Override
  public List<String> serials() {
    return memory.serials();
  }

  // ---- YubicoKeyStore ----

  @Override
  public void addYubicoKey(YubicoKey key) {
    memory.addYubicoKey(key);
    save();
  }

  @Override
  public Optional<YubicoKey> yubicoKey(String publicId) {
    return memory.yubicoKey(publicId);
  }

  @Override
  public Optional<TokenState> yubicoKeyState(String publicId) {
    return memory.yubicoKeyState(publicId);
  }

  @Override
  public boolean compareAndSetYubicoKey(String publicId, TokenState expected, TokenState updated) {
    return savedIf(memory.compareAndSetYubicoKey(publicId, expected, updated));
  }

  @Override
  public boolean removeYubicoKey(String publicId) {
    return savedIf(memory.removeYubicoKey(publicId));
  }

  @Override
  public List<String> yubicoPublicIds() {
    return memory.yubicoPublicIds();
  }

  // ---- persistence ----

  /** Saves the file if the in-memory store changed; returns {@code changed}. */
  private boolean savedIf(boolean changed) {
    if (changed) {
      save();
    }
    return changed;
  }

  private void save() {
    synchronized (writeLock) {
      ObjectNode root = JSON.createObjectNode();
      root.put("format", FORMAT);
      root.put(
          "warning",
          "This file holds secrets (token seeds, Yubico AES keys). Keep it private (mode 600).");
      ArrayNode tokens = root.putArray("tokens");
      for (String serial : memory.serials()) {
        Optional<HardwareToken> t = memory.token(serial);
        Optional<TokenState> st = memory.state(serial);
        if (t.isPresent() && st.isPresent()) {
          ObjectNode o = tokens.addObject();
          writeToken(o, t.get());
          writeState(o.putObject("state"), st.get());
        }
      }
      ArrayNode keys = root.putArray("yubicoKeys");
      for (String id : memory.yubicoPublicIds()) {
        Optional<YubicoKey> k = memory.yubicoKey(id);
        Optional<TokenState> st = memory.yubicoKeyState(id);
        if (k.isPresent() && st.isPresent()) {
          ObjectNode o = keys.addObject();
          o.put("publicId", k.get().publicId());
          o.put("privateId", HexFormat.of().formatHex(k.get().revealPrivateId()));
          o.put("aesKey", HexFormat.of().formatHex(k.get().revealAesKey()));
          writeState(o.putObject("state"), st.get());
        }
      }
      writeAtomically(root);
    }
  }

  private void writeAtomically(ObjectNode root) {
    try {
      Path dir = file.getParent();
      Files.createDirectories(dir);
      boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
      FileAttribute<?>[] attrs =
          posix
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
              : new FileAttribute<?>[0];
      Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attrs);
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
            OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
          JSON.writerWithDefaultPrettyPrinter().writeValue(noClose(out), root);
          ch.force(true);
        }
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new RootGuardException("token store: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static OutputStream noClose(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  private static void writeToken(ObjectNode o, HardwareToken t) {
    o.put("serial", t.serial());
    o.put("keyId", t.keyId());
    t.manufacturer().ifPresent(m -> o.put("manufacturer", m));
    t.issuer().ifPresent(m -> o.put("issuer", m));
    o.put("type", t.type().name());
    o.put("algorithm", t.algorithm().name());
    o.put("digits", t.digits());
    o.put("timeStep", t.timeStep().getSeconds());
    o.put("t0", t.t0().getEpochSecond());
    o.put("counter", t.counter());
    o.put("timeDrift", t.timeDrift());
    t.validFrom().ifPresent(v -> o.put("validFrom", v.toString()));
    t.validUntil().ifPresent(v -> o.put("validUntil", v.toString()));
    byte[] secret = t.revealSecret();
    o.put("secret", Base64.getEncoder().encodeToString(secret));
    java.util.Arrays.fill(secret, (byte) 0);
  }

  private static void writeState(ObjectNode o, TokenState s) {
    s.owner().ifPresent(p -> o.put("owner", p.id()));
    o.put("disabled", s.disabled());
    o.put("driftSteps", s.driftSteps());
    if (s.lastSequence().isPresent()) {
      o.put("lastSequence", s.lastSequence().getAsLong());
    }
    o.put("version", s.version());
  }

  private void load() {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(
          "store", file + " is not readable JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new InvalidInputException("store.format", file + " is not a " + FORMAT + " file");
    }
    int i = 0;
    for (JsonNode o : root.path("tokens")) {
      String at = "tokens[" + i++ + "]";
      try {
        HardwareToken.Builder b =
            HardwareToken.builder(
                    text(o, "serial", at),
                    OathType.valueOf(text(o, "type", at)),
                    Base64.getDecoder().decode(text(o, "secret", at)))
                .keyId(text(o, "keyId", at))
                .algorithm(text(o, "algorithm", at))
                .digits(o.path("digits").asInt())
                .timeStep(Duration.ofSeconds(o.path("timeStep").asLong()))
                .t0(Instant.ofEpochSecond(o.path("t0").asLong()))
                .counter(o.path("counter").asLong())
                .timeDrift(o.path("timeDrift").asInt());
        if (o.hasNonNull("manufacturer")) {
          b.manufacturer(o.get("manufacturer").asText());
        }
        if (o.hasNonNull("issuer")) {
          b.issuer(o.get("issuer").asText());
        }
        if (o.hasNonNull("validFrom")) {
          b.validFrom(Instant.parse(o.get("validFrom").asText()));
        }
        if (o.hasNonNull("validUntil")) {
          b.validUntil(Instant.parse(o.get("validUntil").asText()));
        }
        memory.put(b.build(), readState(o.path("state")));
      } catch (RuntimeException e) {
        throw new InvalidInputException("store." + at, describe(e), e);
      }
    }
    i = 0;
    for (JsonNode o : root.path("yubicoKeys")) {
      String at = "yubicoKeys[" + i++ + "]";
      try {
        YubicoKey k =
            YubicoKey.fromHex(
                text(o, "publicId", at), text(o, "privateId", at), text(o, "aesKey", at));
        memory.putYubicoKey(k, readState(o.path("state")));
      } catch (RuntimeException e) {
        throw new InvalidInputException("store." + at, describe(e), e);
      }
    }
  }

  private static String describe(RuntimeException e) {
    return e instanceof InvalidInputException
        ? e.getMessage()
        : "unusable (" + e.getClass().getSimpleName() + ")";
  }

  private static String text(JsonNode o, String name, String at) {
    JsonNode n = o.get(name);
    if (n == null || !n.isTextual()) {
      throw new InvalidInputException(at + "." + name, "missing");
    }
    return n.asText();
  }

  private static TokenState readState(JsonNode s) {
    return TokenState.of(
        s.hasNonNull("owner")
            ? Optional.of(Principal.of(s.get("owner").asText()))
            : Optional.empty(),
        s.path("disabled").asBoolean(false),
        s.path("driftSteps").asLong(0),
        s.hasNonNull("lastSequence")
            ? OptionalLong.of(s.get("lastSequence").asLong())
            : OptionalLong.empty(),
        s.path("version").asLong(0));
  }

  @Override
  public String toString() {
    return "JsonFileTokenStore["
        + file
        + ", tokens="
        + memory.serials().size()
        + ", yubicoKeys="
        + memory.yubicoPublicIds().size()
        + "]";
  }
}
