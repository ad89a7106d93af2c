package dev.rootguard.mfa.hardware;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The store contracts against a store implementing only the abstract methods, so the interfaces'
 * default methods are what runs for {@code update}, {@code addAll(…, owner)}, {@code
 * addYubicoKey(…, owner)} and {@code updateYubicoKey}.
 */
class DefaultMethodsStoreContractTest extends StoreContract {
  @Override
  Both store() {
    InMemoryTokenStore d = new InMemoryTokenStore();
    return new Both() {
      @Override
      public void add(HardwareToken token) {
        d.add(token);
      }

      @Override
      public void addAll(Collection<HardwareToken> tokens) {
        d.addAll(tokens);
      }

      @Override
      public Optional<HardwareToken> token(String serial) {
        return d.token(serial);
      }

      @Override
      public Optional<TokenState> state(String serial) {
        return d.state(serial);
      }

      @Override
      public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
        return d.compareAndSet(serial, expected, updated);
      }

      @Override
      public boolean remove(String serial) {
        return d.remove(serial);
      }

      @Override
      public List<String> serials() {
        return d.serials();
      }

      @Override
      public void addYubicoKey(YubicoKey key) {
        d.addYubicoKey(key);
      }

      @Override
      public Optional<YubicoKey> yubicoKey(String publicId) {
        return d.yubicoKey(publicId);
      }

      @Override
      public Optional<TokenState> yubicoKeyState(String publicId) {
        return d.yubicoKeyState(publicId);
      }

      @Override
      public boolean compareAndSetYubicoKey(
          String publicId, TokenState expected, TokenState updated) {
        return d.compareAndSetYubicoKey(publicId, expected, updated);
      }

      @Override
      public boolean removeYubicoKey(String publicId) {
        return d.removeYubicoKey(publicId);
      }

      @Override
      public List<String> yubicoPublicIds() {
        return d.yubicoPublicIds();
      }
    };
  }
}
