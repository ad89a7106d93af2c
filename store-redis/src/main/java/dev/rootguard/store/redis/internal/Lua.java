package dev.rootguard.store.redis.internal;

import dev.rootguard.store.redis.internal.Redis.Script;

/**
 * The Lua scripts, one per atomic operation. Every script but {@link #INIT} starts with {@link
 * #HEAD}: KEYS[1] is the store marker of the script's slot, and a missing marker fails the script
 * with {@code ROOTGUARD_NO_MARKER} (fail closed after the server lost its data).
 *
 * <p>Number handling: Lua numbers are doubles, exact only below 2^53. So 64-bit values are never
 * computed with in Lua: OTP states are compared as strings, replay sequences as fixed-width
 * sortable hex (see {@link Codec#sortable}), instants as whole seconds plus nanoseconds, and
 * versions with {@code HINCRBY} (64-bit inside Redis). Times are the callers' (ARGV), never the
 * server's {@code TIME}.
 */
final class Lua {
  private Lua() {}

  /** Marker check and helpers, the head of every script. */
  static final String HEAD =
      """
      local floor = redis.call('HGET', KEYS[1], 'floor')
      if not floor then return redis.error_reply('ROOTGUARD_NO_MARKER store marker missing') end
      floor = tonumber(floor)
      local NEVER = '-9223372036854775808:0'
      local function tle(s1, n1, s2, n2) return s1 < s2 or (s1 == s2 and n1 <= n2) end
      local function hexlt(a, b)
        for i = 1, #a do
          local x, y = a:byte(i), b:byte(i)
          if x ~= y then return x < y end
        end
        return false
      end
      local function effective(cur, nowMs, windowMs, periodMs, t0Ms)
        if cur then return cur end
        if floor > 0 and nowMs < floor + windowMs then
          return string.format('%d', math.ceil((floor - t0Ms) / periodMs) - 1) .. ':0'
        end
        return NEVER
      end
      local function expire(A, resMs)
        local h = redis.call('HMGET', A, 'f', 'l', 'n', 'ls')
        if (tonumber(h[1]) or 0) == 0 and (tonumber(h[2]) or 0) == 0 and not h[4] then
          if (tonumber(h[3]) or 0) == 0 then redis.call('DEL', A)
          else redis.call('PEXPIRE', A, resMs) end
        else
          redis.call('PERSIST', A)
        end
      end
      local function success(A, resMs)
        -- failures, lockouts served and any lockout end go; what is left is the other in-flight
        -- reservations (a missing key or field reads as none, and DEL of a missing key is a no-op)
        local n = tonumber(redis.call('HGET', A, 'n')) or 0
        if n <= 1 then redis.call('DEL', A) return end
        redis.call('HSET', A, 'f', 0, 'l', 0, 'n', n - 1)
        redis.call('HDEL', A, 'ls', 'ln')
        redis.call('PEXPIRE', A, resMs)
      end
      """;

  /** KEYS: marker. ARGV: epoch, floor ms. Creates the marker unless present; no HEAD. */
  static final Script INIT =
      Script.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 1 then
            return {0, redis.call('HGET', KEYS[1], 'epoch'), redis.call('HGET', KEYS[1], 'floor')}
          end
          redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'floor', ARGV[2], 'created', ARGV[2])
          return {1, ARGV[1], ARGV[2]}
          """);

  /** KEYS: marker. Returns 1 when the marker is there. */
  static final Script CHECK = Script.of(HEAD + "return 1\n");

  /** KEYS: marker, key. Returns the string value or nil. */
  static final Script GET = Script.of(HEAD + "return redis.call('GET', KEYS[2])\n");

  /** KEYS: marker, key. Returns HGETALL. */
  static final Script HGETALL = Script.of(HEAD + "return redis.call('HGETALL', KEYS[2])\n");

  /** KEYS: marker, set. Returns SMEMBERS. */
  static final Script SMEMBERS = Script.of(HEAD + "return redis.call('SMEMBERS', KEYS[2])\n");

  /** KEYS: marker, key. ARGV: field. Returns HGET. */
  static final Script HGET = Script.of(HEAD + "return redis.call('HGET', KEYS[2], ARGV[1])\n");

  // ---- attempt limiter ----

  /**
   * KEYS: marker, attempts [, owner's TOTP set]. ARGV: now s, now ns, until s, until ns, max,
   * reservation ms [, registry prefix, key prefix, now ms, recovery window ms, max handed over].
   * Returns {1, then 10 values per TOTP credential} if reserved, {0, locked s, locked ns} or {0}.
   */
  static final Script ACQUIRE =
      Script.of(
          HEAD
              + """
              local A = KEYS[2]
              local nowS, nowN = tonumber(ARGV[1]), tonumber(ARGV[2])
              local h = redis.call('HMGET', A, 'f', 'n', 'us', 'un', 'ls', 'ln', 'l')
              local f = tonumber(h[1]) or 0
              local n = tonumber(h[2]) or 0
              if h[3] and tle(tonumber(h[3]), tonumber(h[4]), nowS, nowN) then n = 0 end
              if h[5] and not tle(tonumber(h[5]), tonumber(h[6]), nowS, nowN) then
                return {0, h[5], h[6]}
              end
              if f + n >= tonumber(ARGV[5]) then return {0} end
              redis.call('HSET', A, 'f', f, 'n', n + 1, 'us', ARGV[3], 'un', ARGV[4])
              -- expire(A) without reading back what is known: n + 1 reservations are in flight
              if f == 0 and (tonumber(h[7]) or 0) == 0 and not h[5] then
                redis.call('PEXPIRE', A, tonumber(ARGV[6]))
              else
                redis.call('PERSIST', A)
              end
              if not KEYS[3] then return {1} end
              local out = {1}
              local ids = redis.call('SMEMBERS', KEYS[3])
              table.sort(ids)
              for i = 1, math.min(#ids, tonumber(ARGV[11])) do
                local id = ids[i]
                local c = redis.call('HMGET', ARGV[7] .. 'totp:' .. id,
                  'owner', 'sealed', 'alg', 'digits', 'period', 't0', 'es', 'ed')
                if c[1] then
                  local st = redis.call('GET', ARGV[8] .. '{c:' .. id .. '}:otp')
                  out[#out + 1] = id
                  for j = 1, 8 do out[#out + 1] = c[j] end
                  out[#out + 1] = effective(st, tonumber(ARGV[9]), tonumber(ARGV[10]),
                    tonumber(c[5]) * 1000, tonumber(c[6]) * 1000)
                end
              end
              return out
              """);

  /**
   * KEYS: marker, attempts. ARGV: now s, now ns, max, reservation ms, in-flight decrement (0/1),
   * then the lockout lengths as "s:ns" for 0, 1, ... previous lockouts (the last repeats).
   */
  static final Script FAILURE =
      Script.of(
          HEAD
              + """
              local A = KEYS[2]
              local h = redis.call('HMGET', A, 'f', 'n', 'l')
              local f = (tonumber(h[1]) or 0) + 1
              local n = math.max((tonumber(h[2]) or 0) - tonumber(ARGV[5]), 0)
              local l = tonumber(h[3]) or 0
              if f >= tonumber(ARGV[3]) then
                local d = ARGV[6 + math.min(l, #ARGV - 6)]
                local c = string.find(d, ':')
                local s = tonumber(ARGV[1]) + tonumber(string.sub(d, 1, c - 1))
                local ns = tonumber(ARGV[2]) + tonumber(string.sub(d, c + 1))
                if ns >= 1000000000 then ns = ns - 1000000000; s = s + 1 end
                redis.call('HSET', A, 'f', 0, 'n', n, 'l', l + 1,
                  'ls', string.format('%d', s), 'ln', string.format('%d', ns))
              else
                redis.call('HSET', A, 'f', f, 'n', n, 'l', l)
              end
              expire(A, tonumber(ARGV[4]))
              return 1
              """);

  /** KEYS: marker, attempts. ARGV: reservation ms. */
  static final Script SUCCESS = Script.of(HEAD + "success(KEYS[2], tonumber(ARGV[1]))\nreturn 1\n");

  /** KEYS: marker, attempts. ARGV: reservation ms. */
  static final Script RELEASE =
      Script.of(
          HEAD
              + """
              local A = KEYS[2]
              if redis.call('EXISTS', A) == 0 then return 0 end
              local n = tonumber(redis.call('HGET', A, 'n')) or 0
              redis.call('HSET', A, 'n', math.max(n - 1, 0))
              expire(A, tonumber(ARGV[1]))
              return 1
              """);

  // ---- replay guard ----

  /** KEYS: marker, replay key. ARGV: sortable hex, now ms, step start ms, recovery window ms. */
  static final Script REPLAY =
      Script.of(
          HEAD
              + """
              if floor > 0 and tonumber(ARGV[2]) < floor + tonumber(ARGV[4])
                  and tonumber(ARGV[3]) < floor then
                return 0
              end
              local cur = redis.call('GET', KEYS[2])
              if cur and not hexlt(cur, ARGV[1]) then return 0 end
              redis.call('SET', KEYS[2], ARGV[1])
              return 1
              """);

  // ---- OTP state ----

  /** KEYS: marker, state. ARGV: now ms, window ms, period ms, t0 ms. Returns "step:drift". */
  static final Script OTP_LOAD =
      Script.of(
          HEAD
              + "return effective(redis.call('GET', KEYS[2]), tonumber(ARGV[1]),"
              + " tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))\n");

  /**
   * KEYS: marker, state [, attempts to settle as a success]. ARGV: expected, next, now ms, window
   * ms, period ms, t0 ms, reservation ms.
   */
  static final Script OTP_CAS =
      Script.of(
          HEAD
              + """
              local cur = effective(redis.call('GET', KEYS[2]), tonumber(ARGV[3]),
                tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]))
              if cur ~= ARGV[1] then return 0 end
              redis.call('SET', KEYS[2], ARGV[2])
              if KEYS[3] then success(KEYS[3], tonumber(ARGV[7])) end
              return 1
              """);

  // ---- TOTP credentials (registry) ----

  /**
   * KEYS: marker, credential, owner's set, set of all. ARGV: id, owner, sealed, alg, digits,
   * period, t0, enrolled step, enrolled drift.
   */
  static final Script TOTP_ADD =
      Script.of(
          HEAD
              + """
              if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
              redis.call('HSET', KEYS[2], 'owner', ARGV[2], 'sealed', ARGV[3], 'alg', ARGV[4],
                'digits', ARGV[5], 'period', ARGV[6], 't0', ARGV[7], 'es', ARGV[8], 'ed', ARGV[9])
              redis.call('SADD', KEYS[3], ARGV[1])
              redis.call('SADD', KEYS[4], ARGV[1])
              return 1
              """);

  /**
   * KEYS: marker, credential [, its state]. ARGV: now ms, window ms. Returns {owner, sealed, alg,
   * digits, period, t0, es, ed, state or nil} or an empty list.
   */
  static final Script TOTP_FIND =
      Script.of(
          HEAD
              + """
              local c = redis.call('HMGET', KEYS[2],
                'owner', 'sealed', 'alg', 'digits', 'period', 't0', 'es', 'ed')
              if not c[1] then return {} end
              if KEYS[3] then
                c[9] = effective(redis.call('GET', KEYS[3]), tonumber(ARGV[1]), tonumber(ARGV[2]),
                  tonumber(c[5]) * 1000, tonumber(c[6]) * 1000)
              end
              return c
              """);

  /** KEYS: marker, credential, set of all. ARGV: id, owner-set prefix. */
  static final Script TOTP_REMOVE =
      Script.of(
          HEAD
              + """
              local owner = redis.call('HGET', KEYS[2], 'owner')
              if not owner then return 0 end
              redis.call('DEL', KEYS[2])
              redis.call('SREM', ARGV[2] .. owner, ARGV[1])
              redis.call('SREM', KEYS[3], ARGV[1])
              return 1
              """);

  // ---- tokens and Yubico keys (registry) ----

  /**
   * KEYS: marker, set of serials. ARGV: key prefix, owner or '', field count F, then per token its
   * serial and F-1 more values in {@link RedisTokenStore#TOKEN_FIELDS} order ('' = absent). Returns
   * '' if all were added, or the first serial already there (then nothing is written).
   */
  static final Script TOKENS_ADD =
      Script.of(
          HEAD
              + """
              local F = tonumber(ARGV[3])
              local names = {'kid', 'man', 'iss', 'type', 'alg', 'dig', 'step', 't0', 'ctr',
                'tdrift', 'vf', 'vu', 'sealed', 'drift'}
              local i = 4
              while i <= #ARGV do
                if redis.call('EXISTS', ARGV[1] .. ARGV[i]) == 1 then return ARGV[i] end
                i = i + F
              end
              i = 4
              while i <= #ARGV do
                local k = ARGV[1] .. ARGV[i]
                for j = 1, F - 1 do
                  local v = ARGV[i + j]
                  if v ~= '' then redis.call('HSET', k, names[j], v) end
                end
                redis.call('HSET', k, 'dis', '0', 'ver', '0')
                if ARGV[2] ~= '' then redis.call('HSET', k, 'owner', ARGV[2]) end
                redis.call('SADD', KEYS[2], ARGV[i])
                i = i + F
              end
              return ''
              """);

  /** KEYS: marker, key, set. ARGV: id, sealed, owner or ''. Returns 1 if added. */
  static final Script YUBICO_ADD =
      Script.of(
          HEAD
              + """
              if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
              redis.call('HSET', KEYS[2], 'sealed', ARGV[2], 'dis', '0', 'drift', '0', 'ver', '0')
              if ARGV[3] ~= '' then redis.call('HSET', KEYS[2], 'owner', ARGV[3]) end
              redis.call('SADD', KEYS[3], ARGV[1])
              return 1
              """);

  /**
   * KEYS: marker, key. ARGV: expected version, owner or '', disabled 0/1, drift, last or ''.
   * Returns 1 if replaced.
   */
  static final Script STATE_CAS =
      Script.of(
          HEAD
              + """
              local v = redis.call('HGET', KEYS[2], 'ver')
              if v ~= ARGV[1] then return 0 end
              if ARGV[2] == '' then redis.call('HDEL', KEYS[2], 'owner')
              else redis.call('HSET', KEYS[2], 'owner', ARGV[2]) end
              if ARGV[5] == '' then redis.call('HDEL', KEYS[2], 'last')
              else redis.call('HSET', KEYS[2], 'last', ARGV[5]) end
              redis.call('HSET', KEYS[2], 'dis', ARGV[3], 'drift', ARGV[4])
              redis.call('HINCRBY', KEYS[2], 'ver', 1)
              return 1
              """);

  /** KEYS: marker, key, set. ARGV: id. Returns 1 if removed. */
  static final Script REMOVE_INDEXED =
      Script.of(
          HEAD
              + """
              if redis.call('DEL', KEYS[2]) == 0 then return 0 end
              redis.call('SREM', KEYS[3], ARGV[1])
              return 1
              """);

  /** KEYS: marker, key. ARGV: field, old value, new value. Returns 1 if replaced. */
  static final Script HSET_IF =
      Script.of(
          HEAD
              + """
              if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
              redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
              return 1
              """);

  // ---- security keys (registry) ----

  /** KEYS: marker, key, principal's set. ARGV: id, then field/value pairs. */
  static final Script FIDO_ADD =
      Script.of(
          HEAD
              + """
              if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
              redis.call('HSET', KEYS[2], unpack(ARGV, 2))
              redis.call('SADD', KEYS[3], ARGV[1])
              return 1
              """);

  /** KEYS: marker, principal's set. ARGV: key prefix. Returns {id, HGETALL, id, HGETALL...}. */
  static final Script FIDO_BY_PRINCIPAL =
      Script.of(
          HEAD
              + """
              local out = {}
              for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
                local h = redis.call('HGETALL', ARGV[1] .. id)
                if #h > 0 then
                  out[#out + 1] = id
                  out[#out + 1] = h
                end
              end
              return out
              """);

  /** KEYS: marker, key. ARGV: expected count, next count. */
  static final Script FIDO_COUNT =
      Script.of(
          HEAD
              + """
              if redis.call('HGET', KEYS[2], 'cnt') ~= ARGV[1] then return 0 end
              redis.call('HSET', KEYS[2], 'cnt', ARGV[2])
              return 1
              """);

  /** KEYS: marker, key. ARGV: id, principal-set prefix. */
  static final Script FIDO_REMOVE =
      Script.of(
          HEAD
              + """
              local p = redis.call('HGET', KEYS[2], 'principal')
              if not p then return 0 end
              redis.call('DEL', KEYS[2])
              redis.call('SREM', ARGV[2] .. p, ARGV[1])
              return 1
              """);

  /**
   * KEYS: marker, principal's handle key, reverse key of the fresh handle. ARGV: principal, fresh
   * handle. Returns the principal's handle (the existing one, or the fresh one now stored).
   */
  static final Script USER_HANDLE =
      Script.of(
          HEAD
              + """
              local have = redis.call('GET', KEYS[2])
              if have then return have end
              if redis.call('EXISTS', KEYS[3]) == 1 then
                return redis.error_reply('ROOTGUARD_HANDLE_TAKEN user handle already in use')
              end
              redis.call('SET', KEYS[2], ARGV[2])
              redis.call('SET', KEYS[3], ARGV[1])
              return ARGV[2]
              """);

  // ---- ceremonies ----

  /** KEYS: marker, ceremony, index. ARGV: id, kind, principal, exp s, exp ns, payload, ttl ms. */
  static final Script CEREMONY_PUT =
      Script.of(
          HEAD
              + """
              if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
              redis.call('HSET', KEYS[2], 'kind', ARGV[2], 'principal', ARGV[3], 'es', ARGV[4],
                'en', ARGV[5], 'payload', ARGV[6], 'used', '0')
              redis.call('PEXPIRE', KEYS[2], ARGV[7])
              redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
              return 1
              """);

  /**
   * KEYS: marker, ceremony. ARGV: kind, now s, now ns. Returns {status} or {'TAKEN', principal, exp
   * s, exp ns, payload}.
   */
  static final Script CEREMONY_TAKE =
      Script.of(
          HEAD
              + """
              local h = redis.call('HMGET', KEYS[2], 'kind', 'principal', 'es', 'en', 'payload',
                'used')
              if not h[1] or h[1] ~= ARGV[1] then return {'UNKNOWN'} end
              local expired = tle(tonumber(h[3]), tonumber(h[4]), tonumber(ARGV[2]),
                tonumber(ARGV[3]))
              local used = h[6] == '1'
              if expired then
                if used then return {'UNKNOWN'} end
                return {'EXPIRED'}
              end
              if used then return {'USED'} end
              redis.call('HSET', KEYS[2], 'used', '1')
              return {'TAKEN', h[2], h[3], h[4], h[5]}
              """);

  /** KEYS: marker, index. ARGV: key prefix, now s, now ns. Returns how many were deleted. */
  static final Script CEREMONY_PURGE =
      Script.of(
          HEAD
              + """
              local nowS, nowN = tonumber(ARGV[2]), tonumber(ARGV[3])
              local n = 0
              for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])) do
                local k = ARGV[1] .. id
                local h = redis.call('HMGET', k, 'es', 'en')
                if not h[1] then
                  redis.call('ZREM', KEYS[2], id)
                elseif tle(tonumber(h[1]), tonumber(h[2]), nowS, nowN) then
                  redis.call('DEL', k)
                  redis.call('ZREM', KEYS[2], id)
                  n = n + 1
                end
              end
              return n
              """);
}
