package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.Printable;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.Pskc;
import dev.rootguard.mfa.hardware.PskcError;
import dev.rootguard.mfa.hardware.PskcImport;
import dev.rootguard.mfa.hardware.PskcKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootguard tokens import FILE.pskc}: imports the tokens of a PSKC file into the store. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import the tokens of a PSKC (RFC 6030) file into the store.")
final class TokensImport extends TokensSubcommand {
  /** {@code tokens import --key}: the PSKC pre-shared AES key. */
  static final SecretInput.Option PSKC_KEY =
      new SecretInput.Option(
          "--key", "--key-file", "ROOTGUARD_PSKC_KEY", "PSKC pre-shared key (hex)");

  /** {@code tokens import --password}: the PSKC file's password. */
  static final SecretInput.Option PSKC_PASSWORD =
      new SecretInput.Option(
          "--password", "--password-file", "ROOTGUARD_PSKC_PASSWORD", "PSKC password");

  @Parameters(index = "0", paramLabel = "FILE.pskc", description = "The vendor's PSKC file.")
  Path file;

  @Option(
      names = "--key",
      paramLabel = "HEX",
      description = {"Pre-shared AES key (hex). " + SecretInput.VISIBLE_HELP})
  String key;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "Read the pre-shared AES key (hex) from FILE (or set ROOTGUARD_PSKC_KEY). "
              + SecretInput.FILE_HELP)
  Path keyFile;

  @Option(names = "--key-name", paramLabel = "NAME", description = "Expected pre-shared key name.")
  String keyName;

  @Option(
      names = "--password",
      arity = "0..1",
      interactive = true,
      paramLabel = "PASSWORD",
      description = {
        "The file is password-protected (PBKDF2); prompts without echo when no value is given"
            + " (preferred). A value given here is visible to other users in ps."
      })
  char[] password;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "Read the PSKC password from FILE (or set ROOTGUARD_PSKC_PASSWORD). "
              + SecretInput.FILE_HELP)
  Path passwordFile;

  @Option(
      names = "--owner",
      paramLabel = "PRINCIPAL",
      description = "Assign every imported token to this principal.")
  String owner;

  @Option(
      names = "--partial",
      description = "Import the good keys even if some are bad (exit code stays 1).")
  boolean partial;

  @Option(
      names = "--allow-plaintext-secrets",
      description = {
        "Accept plaintext secrets in a file that declares encryption or a MAC. Refused by"
            + " default: no MAC covers them, so whoever could edit the file could have planted"
            + " a seed they know."
      })
  boolean allowPlaintextSecrets;

  @Override
  public Integer call() throws IOException {
    // At most one of the key and the password, each from one source.
    Optional<SecretInput.Resolved> secret =
        SecretInput.of(spec)
            .optional(
                SecretInput.given(PSKC_KEY, key, keyFile),
                SecretInput.given(
                    PSKC_PASSWORD, password == null ? null : new String(password), passwordFile));
    if (password != null) {
      Arrays.fill(password, '\0');
    }
    PskcKey k = PskcKey.none();
    if (secret.isPresent() && secret.get().option() == PSKC_KEY) {
      byte[] raw = hex("--key", secret.get().value());
      k = keyName == null ? PskcKey.preShared(raw) : PskcKey.preShared(keyName, raw);
      Arrays.fill(raw, (byte) 0);
    } else if (secret.isPresent()) {
      char[] pw = secret.get().value().toCharArray();
      k = PskcKey.password(pw);
      Arrays.fill(pw, '\0');
    }
    if (allowPlaintextSecrets) {
      k = k.allowPlaintextSecrets(); // shares the secret: k.destroy() below wipes it
    }
    PskcImport result;
    try (InputStream in = Files.newInputStream(file)) {
      result = Pskc.read(in, k);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("FILE", "no such file: " + file);
    } finally {
      k.destroy();
    }
    for (PskcError e : result.errors()) {
      err().println("bad key: " + e);
    }
    if (!allowPlaintextSecrets
        && result.errors().stream().anyMatch(e -> e.element().endsWith("Secret/PlainValue"))) {
      err()
          .println(
              "hint: --allow-plaintext-secrets accepts plaintext secrets in an encrypted or"
                  + " MAC-protected file, if you trust the file by other means");
    }
    if (!result.isComplete() && !partial) {
      err()
          .println(
              "nothing imported: "
                  + result.errors().size()
                  + " bad key(s); use --partial to import the rest");
      err().flush();
      result.destroyAll();
      return RootGuardCli.EXIT_VERDICT;
    }
    StoreLocation.HardwareStores s = openStore();
    // Every key was checked by Pskc.read; now one all-or-nothing write (a duplicate serial
    // imports nothing).
    if (owner == null) {
      s.tokens().addAll(result.tokens());
    } else {
      s.tokens().addAll(result.tokens(), Principal.of(owner));
    }
    for (HardwareToken t : result.tokens()) {
      out()
          .println(
              "imported "
                  + Printable.escape(t.serial())
                  + " ("
                  + t.type()
                  + ", "
                  + t.algorithm()
                  + ", "
                  + t.digits()
                  + " digits)");
    }
    out().println(result.tokens().size() + " token(s) imported into " + s.description());
    out().flush();
    err().flush();
    return result.isComplete() ? 0 : RootGuardCli.EXIT_VERDICT;
  }
}
