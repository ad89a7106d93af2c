-- RootGuard stores, schema version 1 (PostgreSQL 12 or later).
--
-- Plain SQL, no placeholders: it runs under RootGuard's own runner (JdbcStores.migrate,
-- `rootguard store init`) and under Flyway alike. It records itself in rootguard_schema_version,
-- so whichever runner applied it, RootGuard's schema check sees version 1.
--
-- Instants are bigint nanoseconds since the Unix epoch, written from the caller's injected clock
-- (never the server's now()). Sealed columns hold SecretSealer envelopes (rgs1.<keyId>.<body>).

CREATE TABLE IF NOT EXISTS rootguard_schema_version (
  version      integer     PRIMARY KEY,
  description  text        NOT NULL,
  installed_at timestamptz NOT NULL DEFAULT now()
);

-- AttemptLimiter: one row per principal.
CREATE TABLE rootguard_attempts (
  principal          text    PRIMARY KEY,
  failures           integer NOT NULL CHECK (failures >= 0),
  in_flight          integer NOT NULL CHECK (in_flight >= 0),
  in_flight_until_ns bigint  NOT NULL,
  lockouts           integer NOT NULL CHECK (lockouts >= 0),
  locked_until_ns    bigint
);

-- ReplayGuard: highest accepted sequence per credential.
CREATE TABLE rootguard_replay (
  credential    text   PRIMARY KEY,
  last_sequence bigint NOT NULL
);

-- TotpStateStore: last accepted step (or HOTP counter) and drift per credential.
CREATE TABLE rootguard_totp_state (
  credential text    PRIMARY KEY,
  last_step  bigint  NOT NULL,
  drift      integer NOT NULL
);

-- TotpCredentialStore: enrolled TOTP devices; the secret is sealed for 'totp:<credential>'.
CREATE TABLE rootguard_totp_credentials (
  credential     text    PRIMARY KEY,
  owner          text    NOT NULL,
  secret_sealed  text    NOT NULL,
  algorithm      text    NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
  digits         integer NOT NULL CHECK (digits BETWEEN 6 AND 8),
  period_s       bigint  NOT NULL CHECK (period_s >= 1),
  t0_s           bigint  NOT NULL,
  enrolled_step  bigint  NOT NULL,
  enrolled_drift integer NOT NULL
);
CREATE INDEX rootguard_totp_credentials_owner ON rootguard_totp_credentials (owner);

-- CeremonyStore: pending FIDO ceremonies; used = true is the tombstone.
CREATE TABLE rootguard_ceremonies (
  id            text    PRIMARY KEY,
  kind          text    NOT NULL,
  principal     text    NOT NULL,
  expires_at_ns bigint  NOT NULL,
  payload       text    NOT NULL,
  used          boolean NOT NULL DEFAULT false
);
CREATE INDEX rootguard_ceremonies_expiry ON rootguard_ceremonies (expires_at_ns);

-- TokenStore: OATH hardware tokens; the seed is sealed for 'token:<serial>'.
CREATE TABLE rootguard_hw_tokens (
  serial         text    PRIMARY KEY,
  key_id         text    NOT NULL,
  manufacturer   text,
  issuer         text,
  type           text    NOT NULL,
  algorithm      text    NOT NULL,
  digits         integer NOT NULL,
  time_step_s    bigint  NOT NULL,
  t0_s           bigint  NOT NULL,
  counter        bigint  NOT NULL,
  time_drift     integer NOT NULL,
  valid_from_ns  bigint,
  valid_until_ns bigint,
  secret_sealed  text    NOT NULL,
  owner          text,
  disabled       boolean NOT NULL,
  drift_steps    bigint  NOT NULL,
  last_sequence  bigint  CHECK (last_sequence >= 0),
  version        bigint  NOT NULL
);

-- YubicoKeyStore: Yubico OTP keys; private id and AES key sealed together for 'yubico:<publicId>'.
CREATE TABLE rootguard_yubico_keys (
  public_id      text    PRIMARY KEY,
  secrets_sealed text    NOT NULL,
  owner          text,
  disabled       boolean NOT NULL,
  drift_steps    bigint  NOT NULL,
  last_sequence  bigint  CHECK (last_sequence >= 0),
  version        bigint  NOT NULL
);

-- SecurityKeyStore: FIDO credentials (public keys, not secret) and WebAuthn user handles.
CREATE TABLE rootguard_security_keys (
  credential          text    PRIMARY KEY,
  principal           text    NOT NULL,
  user_handle         text    NOT NULL,
  public_key          text    NOT NULL,
  signature_count     bigint  NOT NULL CHECK (signature_count BETWEEN 0 AND 4294967295),
  aaguid              uuid    NOT NULL,
  authenticator_name  text    NOT NULL,
  attestation_format  text    NOT NULL,
  attestation_trusted boolean NOT NULL,
  backup_eligible     boolean NOT NULL,
  backed_up           boolean NOT NULL,
  hardware            boolean NOT NULL,
  transports          text    NOT NULL,
  legacy_u2f          boolean NOT NULL,
  registered_at_ns    bigint  NOT NULL
);
CREATE INDEX rootguard_security_keys_principal ON rootguard_security_keys (principal);

CREATE TABLE rootguard_user_handles (
  principal   text PRIMARY KEY,
  user_handle text NOT NULL UNIQUE
);

INSERT INTO rootguard_schema_version (version, description)
  VALUES (1, 'rootguard stores') ON CONFLICT (version) DO NOTHING;
