package dev.rootguard.mfa.hardware.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.seal.SecretSealer;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON document of {@code JsonFileTokenStore}: a strict reader for formats {@code
 * rootguard-tokens/1} (plain Base64/hex secrets) and {@code rootguard-tokens/2} (sealed secrets),
 * and a writer for {@code /2}. Not API.
 *
 * <p>Reading is strict: a missing field, a value of the wrong JSON type, an unknown field, a
 * duplicate serial or public id, or an unknown format version is an {@link InvalidInputException}
 * whose field is the JSON path, such as {@code tokens[3].state.disabled}. Messages never quote a
 * secret.
 *
 * <pre>{@code
 * Document d = TokenFile.read(root, sealer, previous, path.toString());
 * ObjectNode next = TokenFile.write(TokenFile.sealAll(changed, sealer));
 * }</pre>
 *
 * <p>This class holds the document types; the reader is {@code TokenFileReader}, the sealing and
 * the writer {@code TokenFileWriter}, the strict JSON helpers {@code TokenFileJson}.
 *
 * <p>Stateless and thread-safe; documents are immutable.
 */
public final class TokenFile {
  /** The format this version writes: secrets sealed. */
  public static final String FORMAT = "rootguard-tokens/2";

  /** The legacy format: secrets in plain Base64 (seeds) and hex (Yubico keys). */
  public static final String FORMAT_V1 = "rootguard-tokens/1";

  private TokenFile() {}

  /** The sealing context (AEAD associated data) of a token's seed. */
  public static String tokenContext(String serial) {
    return dev.rootguard.mfa.hardware.TokenSealing.tokenContext(serial);
  }

  /** The sealing context of a Yubico key's private id and AES key (sealed together). */
  public static String yubicoContext(String publicId) {
    return dev.rootguard.mfa.hardware.TokenSealing.yubicoContext(publicId);
  }

  /**
   * A registered secret with its state, and its sealed form as stored (none until sealed: a new
   * entry, a legacy plain one, or one marked for resealing).
   *
   * <pre>{@code
   * Entry<HardwareToken> e = new Entry<>(token, null, TokenState.NEW);  // sealed on write
   * }</pre>
   *
   * <p>Immutable and thread-safe; {@code toString} shows no secret.
   *
   * @param <S> {@link HardwareToken} or {@link YubicoKey}
   */
  public static final class Entry<S> {
    private final S attributes;
    private final String sealed;
    private final TokenState state;
    private final Lazy<S> lazy;

    /** An entry whose secret is at hand. */
    public Entry(S secret, String sealed, TokenState state) {
      this(secret, sealed, state, null);
    }

    /** An entry whose secret {@code open} gives on first use (then kept). */
    static <S> Entry<S> opening(
        S attributes, String sealed, TokenState state, java.util.function.Supplier<S> open) {
      return new Entry<>(attributes, sealed, state, new Lazy<>(open));
    }

    private Entry(S attributes, String sealed, TokenState state, Lazy<S> lazy) {
      this.attributes = Objects.requireNonNull(attributes, "attributes");
      this.sealed = sealed;
      this.state = Objects.requireNonNull(state, "state");
      this.lazy = lazy;
    }

    /**
     * The secret, opened now if it was not yet.
     *
     * @throws dev.rootguard.seal.SealingException if the envelope does not open
     */
    public S secret() {
      return lazy == null ? attributes : lazy.get();
    }

    /**
     * The non-secret attributes (serial, type, parameters…): the secret itself, or for an entry not
     * opened yet a stand-in whose secret is a placeholder. Never use its secret.
     */
    public S attributes() {
      return attributes;
    }

    boolean isOpened() {
      return lazy == null || lazy.value != null;
    }

    /** The envelope as stored, or empty if the entry is not sealed yet. */
    public Optional<String> sealed() {
      return Optional.ofNullable(sealed);
    }

    public TokenState state() {
      return state;
    }

    public Entry<S> withState(TokenState s) {
      return new Entry<>(attributes, sealed, s, lazy);
    }

    /** The same entry, to be sealed again under the current key on the next write (opens it). */
    public Entry<S> unsealed() {
      return new Entry<>(secret(), null, state);
    }

    @Override
    public String toString() {
      return "Entry[" + attributes + ", " + state + "]";
    }
  }

  /** A secret opened on first use, then kept; shared by the copies of one entry. */
  private static final class Lazy<S> {
    private final java.util.function.Supplier<S> open;
    private volatile S value;

    Lazy(java.util.function.Supplier<S> open) {
      this.open = open;
    }

    S get() {
      S v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = open.get();
            value = v;
          }
        }
      }
      return v;
    }
  }

  /**
   * The whole store: the format read ({@code 0} for no file), tokens by serial and Yubico keys by
   * public id, both sorted.
   *
   * <pre>{@code
   * TreeMap<String, Entry<HardwareToken>> tokens = doc.tokens();  // a copy to change
   * }</pre>
   *
   * <p>Immutable and thread-safe.
   */
  public static final class Document {
    public static final Document EMPTY = new Document(0, new TreeMap<>(), new TreeMap<>());

    private final int format;
    private final TreeMap<String, Entry<HardwareToken>> tokens;
    private final TreeMap<String, Entry<YubicoKey>> yubicoKeys;

    public Document(
        int format,
        TreeMap<String, Entry<HardwareToken>> tokens,
        TreeMap<String, Entry<YubicoKey>> yubicoKeys) {
      this.format = format;
      this.tokens = tokens;
      this.yubicoKeys = yubicoKeys;
    }

    public int format() {
      return format;
    }

    /** A copy of the tokens, to change. */
    public TreeMap<String, Entry<HardwareToken>> tokens() {
      return new TreeMap<>(tokens);
    }

    public TreeMap<String, Entry<YubicoKey>> yubicoKeys() {
      return new TreeMap<>(yubicoKeys);
    }

    public Entry<HardwareToken> token(String serial) {
      return tokens.get(serial);
    }

    public Entry<YubicoKey> yubicoKey(String publicId) {
      return yubicoKeys.get(publicId);
    }

    public java.util.List<String> serials() {
      return java.util.List.copyOf(tokens.keySet());
    }

    public java.util.List<String> publicIds() {
      return java.util.List.copyOf(yubicoKeys.keySet());
    }
  }

  /**
   * Reads a document strictly. Yubico keys are opened now; token seeds are opened when first used,
   * except one per key id, opened now, so a wrong key fails here naming the key id.
   *
   * @param root the JSON, or empty if there is no file
   * @param sealer opens sealed secrets
   * @param known a document read or written before; an entry whose envelope is unchanged is not
   *     opened again (its secret is taken from there)
   * @param where the file, for messages
   * @return the document
   * @throws InvalidInputException naming the JSON path of the first problem
   * @throws dev.rootguard.seal.SealingException if a sealed secret does not open
   */
  public static Document read(
      Optional<ObjectNode> root, SecretSealer sealer, Document known, String where) {
    return TokenFileReader.read(root, sealer, known, where);
  }

  /**
   * Seals every entry that has no envelope yet (new, legacy or marked for resealing).
   *
   * @param d the document
   * @param sealer the sealer
   * @return a document whose every entry is sealed
   * @throws dev.rootguard.seal.SealingException if sealing fails
   */
  public static Document sealAll(Document d, SecretSealer sealer) {
    return TokenFileWriter.sealAll(d, sealer);
  }

  /**
   * Renders a sealed document as format {@value #FORMAT}.
   *
   * @param d a document from {@link #sealAll}
   * @return the JSON
   * @throws IllegalStateException if an entry is not sealed
   */
  public static ObjectNode write(Document d) {
    return TokenFileWriter.write(d);
  }
}
