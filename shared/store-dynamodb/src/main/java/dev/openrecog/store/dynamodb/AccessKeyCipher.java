package dev.openrecog.store.dynamodb;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals access key secrets for the table with AES-256-GCM under a key-encryption key that never
 * enters the table. The key id and tenant are authenticated with the secret, so a sealed secret
 * copied onto another key's item does not open.
 */
public final class AccessKeyCipher {
    /** The key-encryption key: 32 bytes, Base64. */
    public static final String KEY_ENCRYPTION_KEY = "OPENRECOG_ACCESS_KEY_KEK";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private AccessKeyCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalStateException(KEY_ENCRYPTION_KEY + " must be 32 bytes in Base64 (for example: openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The cipher under a Base64 key-encryption key. */
    public static AccessKeyCipher fromBase64(String keyEncryptionKey) {
        if (keyEncryptionKey == null || keyEncryptionKey.isBlank()) {
            throw new IllegalStateException("Set " + KEY_ENCRYPTION_KEY + " to decrypt the access keys in the table");
        }
        try {
            return new AccessKeyCipher(Base64.getDecoder().decode(keyEncryptionKey.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(KEY_ENCRYPTION_KEY + " is not Base64", e);
        }
    }

    byte[] seal(String accessKeyId, String tenant, String secret) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, accessKeyId, tenant);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The secret, or an exception when the item was sealed under another key or for another key id or tenant. */
    String open(String accessKeyId, String tenant, byte[] sealed) {
        if (sealed.length <= IV_BYTES) {
            throw new IllegalStateException("The sealed secret of access key " + accessKeyId + " is truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, IV_BYTES), accessKeyId, tenant);
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("The secret of access key " + accessKeyId + " does not open under "
                + KEY_ENCRYPTION_KEY + ": wrong key-encryption key, or the item was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String accessKeyId, String tenant) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(("openrecog-access-key\0" + accessKeyId + "\0" + tenant).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
