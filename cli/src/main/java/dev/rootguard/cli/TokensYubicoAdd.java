package dev.rootguard.cli;

import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rootguard tokens yubico add}: adds a Yubico OTP key to the store. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Add a Yubico OTP key to the store. Give each secret from a file, its environment"
          + " variable or, in a terminal, the no-echo prompt (asked when none is given)."
    })
final class TokensYubicoAdd extends TokensSubcommand {
  /** {@code tokens yubico add --private-id}: the Yubico OTP private identity. */
  static final SecretInput.Option YUBICO_PRIVATE_ID =
      new SecretInput.Option(
          "--private-id",
          "--private-id-file",
          "ROOTGUARD_YUBICO_PRIVATE_ID",
          "Yubico OTP private id (12 hex digits)");

  /** {@code tokens yubico add --aes-key}: the Yubico OTP AES key. */
  static final SecretInput.Option YUBICO_AES_KEY =
      new SecretInput.Option(
          "--aes-key",
          "--aes-key-file",
          "ROOTGUARD_YUBICO_AES_KEY",
          "Yubico OTP AES key (32 hex digits)");

  @Option(names = "--public-id", required = true, paramLabel = "MODHEX")
  String publicId;

  @Option(
      names = "--private-id",
      paramLabel = "HEX",
      description = {"Private id, 12 hex digits. " + SecretInput.VISIBLE_HELP})
  String privateId;

  @Option(
      names = "--private-id-file",
      paramLabel = "FILE",
      description =
          "Read the private id from FILE (or set ROOTGUARD_YUBICO_PRIVATE_ID). "
              + SecretInput.FILE_HELP)
  Path privateIdFile;

  @Option(
      names = "--aes-key",
      paramLabel = "HEX",
      description = {"AES key, 32 hex digits. " + SecretInput.VISIBLE_HELP})
  String aesKey;

  @Option(
      names = "--aes-key-file",
      paramLabel = "FILE",
      description =
          "Read the AES key from FILE (or set ROOTGUARD_YUBICO_AES_KEY). " + SecretInput.FILE_HELP)
  Path aesKeyFile;

  @Option(names = "--owner", paramLabel = "PRINCIPAL", description = "Assign it to this principal.")
  String owner;

  @Override
  public Integer call() {
    SecretInput in = SecretInput.of(spec);
    String privateHex =
        in.required(SecretInput.given(YUBICO_PRIVATE_ID, privateId, privateIdFile)).value();
    String aesHex = in.required(SecretInput.given(YUBICO_AES_KEY, aesKey, aesKeyFile)).value();
    YubicoKey k = YubicoKey.fromHex(publicId, privateHex, aesHex);
    YubicoKeyStore s = openStore().yubicoKeys();
    if (owner == null) {
      s.addYubicoKey(k);
    } else {
      s.addYubicoKey(k, Principal.of(owner));
    }
    return done("added Yubico key " + k.publicId());
  }
}
