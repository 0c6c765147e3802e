package dev.switchboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiAuthTest {
    @Test
    void onlyTheExactBearerTokenIsAllowed() {
        ApiAuth auth = new ApiAuth(Optional.of("s3cret"), false);
        assertEquals(ApiAuth.Verdict.ALLOWED, auth.check("Bearer s3cret"));
        assertEquals(ApiAuth.Verdict.ALLOWED, auth.check("bearer s3cret"));
        assertEquals(ApiAuth.Verdict.WRONG, auth.check("Bearer s3cre"));
        assertEquals(ApiAuth.Verdict.WRONG, auth.check("Bearer s3cretX"));
        assertEquals(ApiAuth.Verdict.MISSING, auth.check("Basic czNjcmV0"));
        assertEquals(ApiAuth.Verdict.MISSING, auth.check(null));
        assertEquals(ApiAuth.Verdict.NO_TOKEN_CONFIGURED, new ApiAuth(Optional.empty(), false).check("Bearer x"));
    }

    @Test
    void readsNeedTheTokenBeyondLoopbackAndRunRefusesToServeThereWithoutOne() {
        assertTrue(ApiAuth.isLoopback("127.0.0.1"));
        assertTrue(ApiAuth.isLoopback("localhost"));
        assertTrue(ApiAuth.isLoopback("::1"));
        assertTrue(ApiAuth.isLoopback("[::1]"));
        assertFalse(ApiAuth.isLoopback("0.0.0.0"));
        assertFalse(ApiAuth.isLoopback("192.0.2.7"));
        assertFalse(ApiAuth.forHost("127.0.0.1", Optional.of("t")).readsNeedToken());
        assertTrue(ApiAuth.forHost("0.0.0.0", Optional.of("t")).readsNeedToken());
        ApiAuth.checkCanServe("127.0.0.1", Optional.empty());
        ApiAuth.checkCanServe("0.0.0.0", Optional.of("t"));
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> ApiAuth.checkCanServe("0.0.0.0", Optional.empty()));
        assertTrue(e.getMessage().startsWith("web.host 0.0.0.0 is reachable from other machines"), e.getMessage());
    }

    @Test
    void theHostCheckAcceptsLoopbackNamesOnly() {
        HostCheck local = new HostCheck("127.0.0.1");
        assertTrue(local.allows("127.0.0.1:8765"));
        assertTrue(local.allows("localhost:8765"));
        assertTrue(local.allows("[::1]:8765"));
        assertFalse(local.allows("evil.example:8765"));
        assertFalse(local.allows("127.0.0.1.evil.example"));
        assertFalse(local.allows(null));
        assertTrue(new HostCheck("0.0.0.0").allows("desk.lan:8765"), "beyond loopback the token guards instead");
    }
}
